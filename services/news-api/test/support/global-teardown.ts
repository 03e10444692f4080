import { removePgliteTemplate } from "./pglite-template";
import { removePostgresTemplate } from "./servers";
import { stopSharedServers } from "./shared-servers";

export default async function globalTeardown(): Promise<void> {
  await Promise.all([stopSharedServers(), removePgliteTemplate()]);
  removePostgresTemplate();
}
