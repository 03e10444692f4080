import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { typescriptChildArgs } from "../../test/support/typescript-child";

describe("npm run rehearse on a machine without its tools", () => {
  it("prints one line naming what is missing and exits 0", () => {
    const result = spawnSync(process.execPath, typescriptChildArgs(join(__dirname, "rehearse.ts"), ["--env", "dev"]), {
      cwd: join(__dirname, "..", ".."),
      // No terraform on this PATH, a Python without moto, and a mirror variable pointing nowhere.
      env: {
        PATH: "/nonexistent",
        NEWSSTACK_MOTO_PYTHON: "/nonexistent/python3",
        NEWSSTACK_PROVIDER_MIRROR: "/nonexistent",
        HOME: "/nonexistent",
      },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(
      /^rehearsal skipped: terraform \(not on PATH\); moto \(\/nonexistent\/python3 cannot import moto and flask/,
    );
  });

  it("refuses a bad argument before anything else", () => {
    const result = spawnSync(process.execPath, typescriptChildArgs(join(__dirname, "rehearse.ts"), ["--env", "qa"]), {
      cwd: join(__dirname, "..", ".."),
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--env qa: unknown; allowed: dev, all");
  });
});
