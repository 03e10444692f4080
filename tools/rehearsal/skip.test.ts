import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { typescriptChildArgs } from "../../test/support/typescript-child";

/** `npm run rehearse -- <args>` as a process; rehearse.ts loads cdktf, so without source maps (see the option). */
const rehearse = (args: string[], env?: Record<string, string>) =>
  spawnSync(process.execPath, typescriptChildArgs(join(__dirname, "rehearse.ts"), args, { sourceMaps: false }), {
    cwd: join(__dirname, "..", ".."),
    env,
    encoding: "utf8",
  });

describe("npm run rehearse on a machine without its tools", () => {
  it("prints one line naming what is missing and exits 0", () => {
    // No terraform on this PATH, a Python without moto, and a mirror variable pointing nowhere.
    const result = rehearse(["--env", "dev"], {
      PATH: "/nonexistent",
      NEWSSTACK_MOTO_PYTHON: "/nonexistent/python3",
      NEWSSTACK_PROVIDER_MIRROR: "/nonexistent",
      HOME: "/nonexistent",
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(
      /^rehearsal skipped: terraform \(not on PATH\); moto \(\/nonexistent\/python3 cannot import moto and flask/,
    );
  });

  it("refuses a bad argument before anything else", () => {
    const result = rehearse(["--env", "qa"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--env qa: unknown; allowed: dev, all");
  });
});
