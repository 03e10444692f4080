/**
 * moto's server with the newsstack extensions (tools/rehearsal/moto) on a free loopback port.
 * `MOTO_IAM_LOAD_MANAGED_POLICIES=true` loads AWS managed policies (news-shared attaches some).
 */
import type { ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { freePort } from "./free-port";
import { MotoEndpoint, motoRequest } from "./moto-http";
import { startTracked } from "./processes";

export const MOTO_DEFAULT_PORT = 5000;
const EXTENSION = join(__dirname, "moto", "serve.py");

export interface MotoServer extends MotoEndpoint {
  readonly port: number;
  readonly child: ChildProcess;
}

async function answers(target: MotoEndpoint): Promise<boolean> {
  try {
    return (await motoRequest(target, "GET", "/moto-api/data.json")).status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts moto over HTTPS (certificate written into `tlsDir`) and waits until it answers; a port taken
 * in the meantime means another try elsewhere.
 */
export async function startMoto(
  python: string,
  tlsDir: string,
  logFile: string,
  faultsFolder: string,
  attempts = 3,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<MotoServer> {
  let lastError = "";
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = await freePort(attempt === 0 ? MOTO_DEFAULT_PORT : 0);
    const log = createWriteStream(logFile, { flags: "a" });
    const child = startTracked(python, [EXTENSION, "--tls-dir", tlsDir, "-H", "127.0.0.1", "-p", String(port)], {
      env: {
        ...process.env,
        MOTO_IAM_LOAD_MANAGED_POLICIES: "true",
        NEWSSTACK_MOTO_FAULTS: faultsFolder,
        PYTHONDONTWRITEBYTECODE: "1",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    let exited = false;
    child.once("exit", () => (exited = true));
    const target = { endpoint: `https://127.0.0.1:${port}`, caFile: join(tlsDir, "cert.pem") };
    const deadline = Date.now() + 60000;
    while (!exited && Date.now() < deadline) {
      if (await answers(target)) return { ...target, port, child };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    lastError = exited ? `moto exited at start (see ${logFile})` : `moto did not answer within 60 s (see ${logFile})`;
    child.kill("SIGKILL");
  }
  throw new Error(lastError);
}
