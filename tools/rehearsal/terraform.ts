/**
 * Runs terraform in one working directory as a tracked process group, logging each command's output
 * to `<logs>/<label>.log` and timing it.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { startTracked } from "./processes";

export interface TerraformResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export class TerraformError extends Error {
  constructor(
    readonly step: string,
    readonly result: TerraformResult,
    readonly logFile: string,
  ) {
    super(`${step} failed (exit ${result.code}): ${lastLines(result.stderr || result.stdout, 25)}\n(full output: ${logFile})`);
  }
}

/** The last `n` non-empty lines of terraform output, for error messages. */
export function lastLines(text: string, n: number): string {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-n)
    .join("\n");
}

export class Terraform {
  constructor(
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
    readonly label: string,
  ) {}

  get logFile(): string {
    return join(this.logDir, `${this.label}.log`);
  }

  /** Runs `terraform <args>`; resolves whatever the exit code (callers decide what a failure means). */
  run(args: readonly string[]): Promise<TerraformResult> {
    const started = Date.now();
    appendFileSync(this.logFile, `\n$ terraform ${args.join(" ")}\n`);
    return new Promise((resolve, reject) => {
      const child = startTracked("terraform", ["-chdir=" + this.dir, ...args], { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout?.on("data", (chunk) => {
        stdout += chunk;
        appendFileSync(this.logFile, chunk);
      });
      child.stderr?.on("data", (chunk) => {
        stderr += chunk;
        appendFileSync(this.logFile, chunk);
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
    });
  }

  /** Runs and throws a TerraformError unless the exit code is one of `ok`. */
  async must(step: string, args: readonly string[], ok: readonly number[] = [0]): Promise<TerraformResult> {
    const result = await this.run(args);
    if (result.code === null || !ok.includes(result.code)) throw new TerraformError(`${this.label}: ${step}`, result, this.logFile);
    return result;
  }
}
