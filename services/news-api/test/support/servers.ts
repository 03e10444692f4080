import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Real PostgreSQL and Redis servers for tests, from Debian's `postgresql` and `redis-server`
 * packages (.ci/run installs them): each on a free loopback port in its own temp dir, stopped and
 * restarted on demand for fault tests. Missing binaries are an error, never a skipped test.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))) : [];
  if (versions.length === 0) {
    throw new Error(
      "PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin: install Debian's `postgresql` package (see .ci/run)",
    );
  }
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return join(root, newest, "bin");
}

const isRoot = process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: run them as the `postgres` user then. */
function asPostgresUser(binary: string, args: string[]): void {
  const [command, fullArgs] = isRoot ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  execFileSync(command, fullArgs, { stdio: "pipe" });
}

/** A temp dir the `postgres` user owns (initdb and postgres run as that user when we are root). */
function postgresOwnedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  return dir;
}

function initdb(bin: string, dataDir: string): void {
  asPostgresUser(join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
}

/**
 * initdb costs about a second of CPU; a copy of an initialised data directory a tenth of that. The test
 * run's globalSetup initialises one (`initPostgresTemplate`) and every server the run starts copies it;
 * workers (forked afterwards) find it through the environment. Without it (the benchmarks) each server runs initdb.
 */
const POSTGRES_TEMPLATE = "NEWS_TEST_POSTGRES_TEMPLATE";

/** globalSetup: an initialised data directory for the run's servers; `removePostgresTemplate` in globalTeardown. */
export function initPostgresTemplate(): void {
  const dir = postgresOwnedTempDir("news-pg-template-");
  initdb(postgresBinDir(), join(dir, "data"));
  process.env[POSTGRES_TEMPLATE] = dir;
}

export function removePostgresTemplate(): void {
  const dir = process.env[POSTGRES_TEMPLATE];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export class PostgresServer {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
    private readonly bin: string,
  ) {}

  /**
   * `passwordAuthFor`: roles that must log in with a password over TCP (SCRAM), as on RDS; every
   * other role is trusted, so tests connect as the superuser `postgres` without one.
   */
  static async start(options: { passwordAuthFor?: readonly string[] } = {}): Promise<PostgresServer> {
    const bin = postgresBinDir();
    const dir = postgresOwnedTempDir("news-pg-");
    const template = process.env[POSTGRES_TEMPLATE];
    // As the postgres user, so the copy keeps the owner and the 0700 mode postgres insists on.
    if (template) asPostgresUser("cp", ["-a", join(template, "data"), join(dir, "data")]);
    else initdb(bin, join(dir, "data"));
    if (options.passwordAuthFor?.length) {
      // pg_hba.conf: the first matching line wins, so these go before initdb's trust lines.
      const hba = join(dir, "data", "pg_hba.conf");
      const lines = options.passwordAuthFor.map((role) => `host all ${role} 127.0.0.1/32 scram-sha-256`);
      writeFileSync(hba, `${lines.join("\n")}\n${readFileSync(hba, "utf8")}`);
    }
    const server = new PostgresServer(await freePort(), dir, bin);
    await server.resume();
    return server;
  }

  /** `postgres://` URL of the server's `postgres` database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async resume(): Promise<void> {
    const options =
      `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c ` +
      "synchronous_commit=off -c full_page_writes=off";
    asPostgresUser(join(this.bin, "pg_ctl"), [
      "-D",
      join(this.dataDir, "data"),
      "-o",
      options,
      "-l",
      join(this.dataDir, "log"),
      "-w",
      "-t",
      "30",
      "start",
    ]);
  }

  /** Fast shutdown: open sessions are terminated, as in a database failover. */
  async halt(): Promise<void> {
    asPostgresUser(join(this.bin, "pg_ctl"), ["-D", join(this.dataDir, "data"), "-m", "fast", "-w", "stop"]);
  }

  async stop(): Promise<void> {
    try {
      await this.halt();
    } catch {
      // already stopped
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export class RedisServer {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    const child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(new Error(`redis-server could not run (${error.message}): install Debian's \`redis-server\` package (see .ci/run)`));
      });
      child.stdout!.on("data", (chunk) => {
        output += chunk;
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  async halt(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL"); // an abrupt loss, as when a cache node fails
    });
  }

  async stop(): Promise<void> {
    await this.halt();
  }
}
