import { removePgliteTemplate } from "./pglite-template";
import { stopSharedServers } from "./shared-servers";

export default async function globalTeardown(): Promise<void> {
  await Promise.all([stopSharedServers(), removePgliteTemplate()]);
}
