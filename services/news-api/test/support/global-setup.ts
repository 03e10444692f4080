import { startPgliteTemplate } from "./pglite-template";
import { initPostgresTemplate } from "./servers";
import { startSharedServers } from "./shared-servers";

export default async function globalSetup(): Promise<void> {
  startPgliteTemplate();
  initPostgresTemplate();
  await startSharedServers();
}
