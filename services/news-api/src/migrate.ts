import { commandLine } from "./cli-args";
import { ConfigError, loadConfig } from "./config";
import { migrate } from "./store/migrations";
import { PostgresDatabase } from "./store/postgres-database";

/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL / DATABASE_HOST and exits, always as
 * DATABASE_USER (the master user, owner of the schema), never as the IAM application role.
 */
async function main(): Promise<void> {
  commandLine(
    {
      usage: "npm run migrate -w services/news-api [-- --help]",
      description:
        "Applies pending migrations (migrations/*.sql) to the PostgreSQL database that DATABASE_URL or DATABASE_HOST names,\n" +
        "as DATABASE_USER, then exits. No flags: the database is configured as the service's is, by environment variables.",
      options: {},
    },
    () => undefined,
  );
  const config = loadConfig();
  if (!config.database)
    throw new ConfigError(["DATABASE_URL or DATABASE_HOST: required to migrate (the embedded database migrates itself)"]);
  const database = new PostgresDatabase(config.database, () => undefined);
  try {
    const applied = await migrate(database);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "schema up to date");
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
