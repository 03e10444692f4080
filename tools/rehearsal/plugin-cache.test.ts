import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withOwnPluginCache } from "./plugin-cache";

test("a checkout that inits beside others gets its own, existing plugin cache; the shared env is untouched", () => {
  const work = mkdtempSync(join(tmpdir(), "plugin-cache-"));
  try {
    const shared = { TF_CLI_CONFIG_FILE: join(work, "cli.tfrc"), PATH: "/usr/bin" };
    const a = withOwnPluginCache(shared, join(work, "a-cache"));
    const b = withOwnPluginCache(shared, join(work, "b-cache"));
    expect(a.TF_PLUGIN_CACHE_DIR).not.toBe(b.TF_PLUGIN_CACHE_DIR);
    for (const env of [a, b]) {
      expect(existsSync(env.TF_PLUGIN_CACHE_DIR!)).toBe(true); // Terraform ignores a cache directory that does not exist
      expect(env).toMatchObject(shared);
    }
    expect(shared).not.toHaveProperty("TF_PLUGIN_CACHE_DIR");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
