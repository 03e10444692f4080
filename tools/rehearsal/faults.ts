/** The TypeScript side of the moto extension's fault switch (tools/rehearsal/moto/newsstack_moto/faults.py). */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** `call` is "<moto service>:<Action>"; `match` limits the fault to requests whose body or query contains it. */
export type Fault =
  | { readonly call: string; readonly mode: "fail"; readonly times: number; readonly match?: string }
  | { readonly call: string; readonly mode: "hold"; readonly match?: string };

/** Switches fault `name` on (one file per fault in moto's NEWSSTACK_MOTO_FAULTS folder). */
export function switchOn(folder: string, name: string, fault: Fault): void {
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(fault));
}

/** Switches fault `name` off (a failure moto consumed is already gone). */
export function switchOff(folder: string, name: string): void {
  rmSync(join(folder, `${name}.json`), { force: true });
}
