import { DEFAULT_TOKEN_MAX_AGE_MS, IamAuthTokenCredentials } from "../src/store/iam-auth-token";
import { poolConfig } from "../src/store/postgres-database";

/**
 * IAM authentication tokens, offline: @aws-sdk/rds-signer signs locally, so test credentials are
 * enough. Each credential lookup hands out a new access key id, which shows in the token: a token
 * carrying a new key id was freshly signed.
 */
describe("IAM database authentication tokens", () => {
  const database = { host: "news-dev-db.abc123.us-east-1.rds.amazonaws.com", port: 5432, user: "news_api", region: "us-east-1" };
  let lookups: number;
  let clock: number;
  const credentials = async () => ({ accessKeyId: `AKIATEST${String(++lookups).padStart(8, "0")}`, secretAccessKey: "test-secret-key" });
  const source = (options: { maxAgeMs?: number } = {}) =>
    new IamAuthTokenCredentials({ ...database, credentials, now: () => clock, ...options });
  const keyIdOf = (token: string) => new URL(`https://${token}`).searchParams.get("X-Amz-Credential")!.split("/")[0];

  beforeEach(() => {
    lookups = 0;
    clock = Date.parse("2026-11-27T12:00:00Z");
  });

  test("a token is a SigV4 presigned rds-db connect URL for the host, port and user, valid 15 minutes", async () => {
    const token = await source().password();
    expect(token.startsWith(`${database.host}:5432/?`)).toBe(true);
    const query = new URL(`https://${token}`).searchParams;
    expect(query.get("Action")).toBe("connect");
    expect(query.get("DBUser")).toBe("news_api");
    expect(query.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
    expect(query.get("X-Amz-Credential")).toMatch(/^AKIATEST00000001\/\d{8}\/us-east-1\/rds-db\/aws4_request$/);
    expect(query.get("X-Amz-Expires")).toBe("900");
    expect(query.get("X-Amz-SignedHeaders")).toBe("host");
    expect(query.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });

  test("the pool asks for a password per new connection: the same token within the cache bound, a fresh one after it", async () => {
    const iam = source();
    const settings = poolConfig(
      { host: database.host, port: 5432, database: "news", ssl: "require", poolMax: 2, statementTimeoutMs: 1000, connectTimeoutMs: 1000 },
      iam,
    );
    expect(settings.user).toBe("news_api");
    const password = settings.password as () => Promise<string>;
    const first = await password();
    clock += DEFAULT_TOKEN_MAX_AGE_MS - 1;
    expect(await password()).toBe(first);
    expect(lookups).toBe(1);
    clock += 1;
    const second = await password();
    expect(second).not.toBe(first);
    expect(keyIdOf(second)).toBe("AKIATEST00000002");
  });

  test("the cache bound stays below the token's 15-minute lifetime", () => {
    expect(DEFAULT_TOKEN_MAX_AGE_MS).toBeLessThanOrEqual(5 * 60_000);
    expect(() => source({ maxAgeMs: 15 * 60_000 })).toThrow(/maxAgeMs must be from 0 to below the token lifetime/);
  });

  test("a refused token is dropped: the next connection gets a newly signed one", async () => {
    const iam = source();
    const first = await iam.password();
    iam.refused();
    expect(keyIdOf(await iam.password())).toBe("AKIATEST00000002");
    expect(keyIdOf(first)).toBe("AKIATEST00000001");
  });

  test("a failed signing (no credentials yet) is not cached", async () => {
    let available = false;
    const iam = new IamAuthTokenCredentials({
      ...database,
      now: () => clock,
      credentials: async () => {
        if (!available) throw new Error("no credentials yet");
        return { accessKeyId: "AKIATESTLATER000", secretAccessKey: "test-secret-key" };
      },
    });
    await expect(iam.password()).rejects.toThrow("no credentials yet");
    available = true;
    expect(keyIdOf(await iam.password())).toBe("AKIATESTLATER000");
  });
});
