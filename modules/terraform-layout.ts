import { posix } from "node:path";

/**
 * Where cdktf writes each stack and where Terraform runs for it: `cdktf.out/stacks/<stack id>/`
 * (cdktf.json sets no other `output`; a test checks). Paths Terraform reads from a stack, like a local
 * backend's, resolve from there, not from the repository root.
 */
export const SYNTH_OUTPUT_DIR = "cdktf.out";

/** The stack's working directory, relative to the repository root. */
const stackWorkingDirectory = (stackId: string): string => posix.join(SYNTH_OUTPUT_DIR, "stacks", stackId);

/**
 * `repoPath` (relative to the repository root) as Terraform must be given it from the stack's working
 * directory. Relative, so no developer's home path is baked into the JSON and a copy of the whole tree
 * (CI, a rehearsal) keeps its own file.
 */
export const fromStackDirectory = (stackId: string, repoPath: string): string => posix.relative(stackWorkingDirectory(stackId), repoPath);

/** Where a path given to Terraform in the stack lands, relative to the repository root (absolute paths stay absolute). */
export const resolveFromStackDirectory = (stackId: string, path: string): string =>
  posix.isAbsolute(path) ? posix.normalize(path) : posix.normalize(posix.join(stackWorkingDirectory(stackId), path));

/** True when a resolved path is inside the synth output, which a clean synth (or a fresh checkout) does not have. */
export const isInsideSynthOutput = (resolved: string): boolean =>
  resolved === SYNTH_OUTPUT_DIR ||
  resolved.startsWith(`${SYNTH_OUTPUT_DIR}/`) ||
  resolved.includes(`/${SYNTH_OUTPUT_DIR}/`) ||
  resolved.endsWith(`/${SYNTH_OUTPUT_DIR}`);
