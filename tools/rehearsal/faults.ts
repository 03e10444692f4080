/** The TypeScript side of the moto extension's fault switch (tools/rehearsal/moto/newsstack_moto/faults.py). */
import { writeFileSync } from "node:fs";

export type Fault = { readonly call: string; readonly mode: "fail"; readonly times: number } | { readonly call: string; readonly mode: "hold" };

export function setFaults(file: string, faults: readonly Fault[]): void {
  writeFileSync(file, JSON.stringify(faults));
}
