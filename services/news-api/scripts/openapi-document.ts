import { buildApp } from "../src/app";
import { commandLine } from "../src/cli-args";
import { MemoryCache } from "../src/cache/memory-cache";
import { PGliteDatabase } from "../src/store/pglite-database";
import { SqlArticleStore } from "../src/store/sql-article-store";

/**
 * Prints the OpenAPI document the service serves at /docs/json, without starting a server: for
 * generating a client offline (`npm run -s openapi -w services/news-api > news-api.openapi.json`).
 * Routes are only registered, never called, so the embedded database is opened but left empty.
 */
async function main(): Promise<void> {
  commandLine(
    {
      usage: "npm run -s openapi -w services/news-api [-- --help]",
      description: "Prints the OpenAPI document the service serves at /docs/json, without starting a server.",
      options: {},
    },
    () => undefined,
  );
  const database = await PGliteDatabase.create();
  const app = await buildApp({
    config: { bodyLimitBytes: 1_048_576 },
    store: new SqlArticleStore(database),
    cache: new MemoryCache(1000, 1),
  });
  try {
    const response = await app.inject("/docs/json");
    process.stdout.write(`${JSON.stringify(response.json(), null, 2)}\n`);
  } finally {
    await app.close();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
