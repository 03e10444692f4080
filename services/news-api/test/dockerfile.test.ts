import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";

/**
 * No Docker engine runs here, so the image's key properties are checked on the Dockerfile itself,
 * and the runtime stage's dependency set against what the compiled code imports.
 */
const serviceDir = join(__dirname, "..");
const repoRoot = join(serviceDir, "..", "..");
const dockerfile = readFileSync(join(serviceDir, "Dockerfile"), "utf8");
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const stages = instructions.reduce<string[][]>(
  (all, line) => (line.startsWith("FROM ") ? [...all, [line]] : (all[all.length - 1]?.push(line), all)),
  [],
);
const runtime = stages[stages.length - 1];
const arg = (name: string) => instructions.find((l) => l.startsWith(`ARG ${name}=`))?.split("=")[1];

describe("news-api Dockerfile", () => {
  test("multi-stage on a pinned slim Node 22 base (exact version, no floating tag)", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(arg("NODE_IMAGE")).toMatch(/^node:22\.\d+\.\d+-(bookworm|bullseye)-slim(@sha256:[0-9a-f]{64})?$/);
    for (const stage of stages) expect(stage[0]).toMatch(/\$\{NODE_IMAGE\}/);
  });

  test("the final stage installs production dependencies only and carries no sources or compilers", () => {
    const depsStage = stages.find((s) => /AS deps$/.test(s[0]))!;
    expect(depsStage.join("\n")).toMatch(/npm ci [^\n]*--omit=dev/);
    expect(runtime.join("\n")).not.toMatch(/^COPY (?!--from=)[^\n]*news-api\/src|npm (ci|install)|typescript/m);
    expect(runtime).toContain("COPY --from=build --chown=root:root /src/services/news-api/dist ./dist");
    expect(runtime.some((l) => /^COPY .*services\/news-api\/migrations \.\/migrations$/.test(l))).toBe(true);
  });

  test("runs as the non-root uid 1000, as node directly (PID 1 gets SIGTERM), with a health check", () => {
    expect(runtime.filter((l) => l.startsWith("USER "))).toEqual(["USER 1000:1000"]);
    expect(runtime).toContain('CMD ["node", "dist/server.js"]');
    const health = runtime.find((l) => l.startsWith("HEALTHCHECK "));
    expect(health).toMatch(/CMD \["node", "-e", .*\/health/);
    expect(runtime).toContain("EXPOSE 8080");
  });

  test("nothing in the runtime stage expects a writable root filesystem", () => {
    const env = runtime.filter((l) => l.startsWith("ENV ")).join(" ");
    expect(env).toMatch(/NODE_ENV=production/);
    expect(runtime.join("\n")).not.toMatch(/VOLUME|mkdir|chown -R|chmod -R/);
    expect(runtime.join("\n")).toMatch(/--chown=root:root/);
  });

  test("ships the RDS CA bundle, read-only", () => {
    expect(
      runtime.some((l) =>
        /^ADD --chmod=0444 https:\/\/truststore\.pki\.rds\.amazonaws\.com\/global\/global-bundle\.pem \/app\/certs\/rds-global-bundle\.pem$/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  test("arm64-ready: compile stage on the build platform, dependencies resolved on the target", () => {
    expect(stages[0][0]).toMatch(/^FROM --platform=\$BUILDPLATFORM /);
    const depsStage = stages.find((s) => /AS deps$/.test(s[0]))!;
    expect(depsStage[0]).not.toMatch(/--platform/);
  });

  test(".dockerignore keeps local state, secrets and other packages out of the build context", () => {
    const ignored = readFileSync(join(repoRoot, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim());
    expect(ignored).toEqual(
      expect.arrayContaining(["**/node_modules", "**/dist", ".git", "cdktf.out", "**/.env*", "**/*.tfstate*", "services/news-api/test"]),
    );
  });

  test("every package the service imports at run time is a production dependency", () => {
    const pkg = JSON.parse(readFileSync(join(serviceDir, "package.json"), "utf8"));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
      );
    const imported = new Set<string>();
    for (const file of files(join(serviceDir, "src"))) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/^import (?!type )[^"']*["']([^"'.][^"']*)["']/gm)) {
        const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
        if (!name.startsWith("node:") && !builtinModules.includes(name)) imported.add(name);
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});
