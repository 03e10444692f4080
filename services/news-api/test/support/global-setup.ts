import { createPgliteTemplate } from "./pglite-template";
import { startSharedServers } from "./shared-servers";

/** One after the other: PGlite's initdb blocks the event loop, which would time out the servers' start checks. */
export default async function globalSetup(): Promise<void> {
  await startSharedServers();
  await createPgliteTemplate();
}
