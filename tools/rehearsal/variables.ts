/** Values the rehearsal gives a stack's variables that have no default (only `image_tag` so far). */
import type { SynthesizedJson } from "../synth-output";

export const REHEARSAL_VARIABLES: Readonly<Record<string, string>> = { image_tag: "rehearsal" };

/** `-var name=value` arguments; a required variable the rehearsal has no value for is an error naming it. */
export function variableArgs(stackName: string, stack: SynthesizedJson): string[] {
  const required = Object.entries<Record<string, unknown>>(stack.variable ?? {}).filter(([, body]) => !("default" in body));
  const unknown = required.filter(([name]) => !(name in REHEARSAL_VARIABLES)).map(([name]) => name);
  if (unknown.length > 0) {
    throw new Error(
      `${stackName}: variable(s) ${unknown.join(", ")} have no default and no rehearsal value; add ` +
        "them to REHEARSAL_VARIABLES in tools/rehearsal/variables.ts",
    );
  }
  return required.flatMap(([name]) => ["-var", `${name}=${REHEARSAL_VARIABLES[name]}`]);
}
