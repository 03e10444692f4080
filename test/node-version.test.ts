import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CDKTN_NODE_VERSION } from "../tools/cdktn/versions";

/**
 * One Node version everywhere: the service image, the GitHub workflows, the cdktn check and the tests all run
 * the version pinned as the `node` devDependency (the npm registry's binary package, which `npm ci` installs
 * and every npm script puts first on PATH). A bump that misses one place fails here.
 */
const repoRoot = join(__dirname, "..");
const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");
const pinned: string = JSON.parse(read("package.json")).devDependencies.node;
const major = (version: string) => Number(version.replace(/^v/, "").split(".")[0]);
/** Negative, zero or positive as `a` is below, equal to or above `b` (missing parts count as 0). */
const compareVersions = (a: string, b: string): number => {
  const [pa, pb] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

describe("Node version", () => {
  test("is an exact LTS pin, and engines ask for its major, at most the pinned version", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(major(pinned) % 2).toBe(0); // even majors become LTS
    // `>=22` here; the cdktn variant of package.json asks `>=22.19.0` (its CLI's floor), which the pin also meets.
    for (const file of ["package.json", "services/news-api/package.json"]) {
      const range: string = JSON.parse(read(file)).engines.node;
      expect(range).toMatch(/^>=\d+(\.\d+){0,2}$/);
      const minimum = range.slice(2);
      expect(major(minimum)).toBe(major(pinned));
      expect(compareVersions(minimum, pinned)).toBeLessThanOrEqual(0);
    }
  });

  test("the service image runs the pinned version", () => {
    expect(read("services/news-api/Dockerfile")).toMatch(
      new RegExp(`^ARG NODE_IMAGE=node:${pinned.replace(/\./g, "\\.")}-bookworm-slim$`, "m"),
    );
  });

  test("every workflow's setup-node and the cdktn check use the pinned version", () => {
    const workflows = readdirSync(join(repoRoot, ".github", "workflows")).filter((f) => f.endsWith(".yml"));
    const versions = workflows.flatMap((f) =>
      [...read(join(".github", "workflows", f)).matchAll(/node-version:\s*"?([^"\s]+)"?/g)].map((m) => m[1]),
    );
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions)).toEqual(new Set([pinned]));
    expect(CDKTN_NODE_VERSION).toBe(pinned);
  });

  test("the tests themselves run on the image's major (npm scripts put the pinned node first on PATH)", () => {
    expect(major(process.version)).toBe(major(pinned));
  });
});
