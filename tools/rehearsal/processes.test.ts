import { createServer } from "node:net";
import { freePort } from "./free-port";
import { processesInGroup, startTracked, stopAll, strayProcesses } from "./processes";

describe("rehearsal processes", () => {
  it("stops a tracked process and everything it started, leaving no stray process", async () => {
    // A shell that starts two grandchildren, like terraform starting its provider plugins.
    const child = startTracked("sh", ["-c", "sleep 300 & sleep 300 & wait"], { stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesInGroup(child.pid!).length).toBeGreaterThanOrEqual(3);
    await stopAll();
    expect(processesInGroup(child.pid!)).toEqual([]);
    expect(strayProcesses()).toEqual([]);
  });

  it("a group that ignores SIGTERM (moto under load) is killed, and gone by the time stopAll returns", async () => {
    // Several processes, so the SIGKILL has more than one exit to wait for, as moto's threads had.
    const children = Array.from({ length: 4 }, () => startTracked("sh", ["-c", 'trap "" TERM; sleep 300 & sleep 300 & wait'], { stdio: "ignore" }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stopAll(100);
    expect(strayProcesses()).toEqual([]);
    for (const child of children) expect(processesInGroup(child.pid!)).toEqual([]);
  });

  it("picks another port when the preferred one is busy", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      const port = await freePort(taken);
      expect(port).not.toBe(taken);
      expect(port).toBeGreaterThan(0);
    } finally {
      busy.close();
    }
  });
});
