import { startPgliteTemplate } from "./pglite-template";
import { startSharedServers } from "./shared-servers";

export default async function globalSetup(): Promise<void> {
  startPgliteTemplate();
  await startSharedServers();
}
