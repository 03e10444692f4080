import { join } from "node:path";

/** The require hook that transpiles a test's TypeScript child process (see the file for why not ts-node). */
export const TYPESCRIPT_CHILD_HOOK = join(__dirname, "typescript-child-hook.js");

export interface TypescriptChildOptions {
  /**
   * Map stack traces to .ts lines (node --enable-source-maps). Off for a process that loads cdktf: Node
   * then reads the source maps of its ~450 modules (~0.5 s of CPU) and maps the stack cdktf records at
   * every token (main.ts's synth: ~40 % more CPU).
   * @default true
   */
  readonly sourceMaps?: boolean;
}

/**
 * Node's arguments to run the TypeScript entry `entry` with `args`, for spawn/execFile with
 * process.execPath: `spawnSync(process.execPath, typescriptChildArgs("src/server.ts"))`.
 * Tests only: what a production command runs (ts-node) stays as it is and is tested where that matters.
 */
export function typescriptChildArgs(entry: string, args: readonly string[] = [], options: TypescriptChildOptions = {}): string[] {
  const sourceMaps = options.sourceMaps ?? true;
  return [...(sourceMaps ? ["--enable-source-maps"] : []), "--require", TYPESCRIPT_CHILD_HOOK, entry, ...args];
}
