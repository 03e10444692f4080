import { spawn } from "node:child_process";
import { cpuSpentMs, processCpuMs } from "../bench/process-cpu";

/** The bench's CPU-per-request figure: a process's user + system time read from /proc. */
describe("bench/process-cpu", () => {
  test("a child that spins accumulates CPU time; one that sleeps does not", async () => {
    // Each says "up" once Node's start-up (itself CPU work) is behind it.
    const spinner = spawn(process.execPath, ["-e", "console.log('up'); setImmediate(() => { for (;;) {} })"]);
    const sleeper = spawn(process.execPath, ["-e", "console.log('up'); setTimeout(() => {}, 60000)"]);
    try {
      await Promise.all([spinner, sleeper].map((child) => new Promise((resolve) => child.stdout.once("data", resolve))));
      const [spinStart, sleepStart] = [processCpuMs(spinner.pid!)!, processCpuMs(sleeper.pid!)!];
      // Waits for a CPU figure, not a duration: the spinner must show 200 ms of CPU however busy the machine is.
      while (processCpuMs(spinner.pid!)! - spinStart < 200) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(processCpuMs(sleeper.pid!)! - sleepStart).toBeLessThan(50);
    } finally {
      spinner.kill();
      sleeper.kill();
    }
  });

  test("a process that does not exist has no figure", () => {
    expect(processCpuMs(2 ** 22 + 1)).toBeUndefined(); // above Linux's pid_max ceiling
  });

  test("a set's CPU spent: a process that started in between counts from 0, one that ended is left out", () => {
    const before = new Map([
      [10, 500],
      [11, 40],
    ]);
    const after = new Map([
      [10, 650],
      [12, 30],
    ]);
    expect(cpuSpentMs(before, after)).toBe(150 + 30);
  });
});
