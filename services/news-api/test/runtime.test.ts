import pino from "pino";
import { loadConfig } from "../src/config";
import { openRuntime, Runtime } from "../src/runtime";
import { sampleArticles } from "../src/store/sample-articles";
import { pgliteFromTemplate } from "./support/pglite-template";
import { sharedSlot, SharedSlot } from "./support/shared-servers";

/**
 * openRuntime with IAM authentication on: migrations run as the master user (DATABASE_USER), the
 * app's pool as the application role with a signed token for a password. This server trusts every
 * role (no rds_iam here), so the token is accepted as is: what is checked is who connects for what.
 * A database of its own on the run's PostgreSQL.
 */
describe("openRuntime with DATABASE_IAM_USER (real PostgreSQL)", () => {
  let slot: SharedSlot;
  let runtime: Runtime | undefined;
  const saved = { ...process.env };

  beforeAll(async () => {
    slot = await sharedSlot();
    // The SDK's default chain reads these first: test keys, nothing leaves the machine.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIATESTRUNTIME0", AWS_SECRET_ACCESS_KEY: "test-secret-key" });
  });
  afterAll(async () => {
    await runtime?.close();
    await slot?.drop();
    process.env = saved;
  });

  test("migrations as the master user, then every app query as news_api", async () => {
    const config = loadConfig({
      DATABASE_HOST: "127.0.0.1",
      DATABASE_PORT: String(slot.postgresPort),
      DATABASE_NAME: slot.databaseName,
      DATABASE_USER: "postgres",
      DATABASE_SSL: "require",
      DATABASE_IAM_USER: "news_api",
      AWS_REGION: "us-east-1",
      LOG_LEVEL: "silent",
    });
    // This test server speaks no TLS; the config check (TLS required for IAM) has been made above.
    runtime = await openRuntime({ ...config, database: { ...config.database!, ssl: "disable" } }, pino({ level: "silent" }));
    const owner = await runtime.database.query<{ owner: string }>("SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'articles'");
    expect(owner.rows).toEqual([{ owner: "postgres" }]);
    const session = await runtime.database.query<{ user: string }>("SELECT current_user AS user");
    expect(session.rows).toEqual([{ user: "news_api" }]);
    expect((await runtime.store.list({ limit: 1 })).items).toEqual([]);
  });
});

/**
 * No database configured: the embedded default the server process starts on in development. PGlite is
 * opened on a copy of the run's template, whose in-memory initdb is the one this default runs
 * (support/pglite-template-worker.js): a second initdb here would cost seconds of CPU and prove nothing more.
 */
describe("openRuntime without a database (embedded PGlite)", () => {
  test("migrates, seeds the sample articles, and closes", async () => {
    const copy = pgliteFromTemplate();
    const runtime = await openRuntime(loadConfig({ LOG_LEVEL: "silent" }), pino({ level: "silent" }), async () => (await copy).database);
    try {
      expect(runtime.embedded).toBe(true);
      const { items } = await runtime.store.list({ limit: 100 });
      expect(items.map((a) => a.url).sort()).toEqual(
        sampleArticles()
          .map((a) => a.url)
          .sort(),
      );
    } finally {
      await runtime.close();
      await (await copy).remove();
    }
  });
});
