import { mkdirSync } from "node:fs";

/**
 * Terraform's plugin cache is not safe for concurrent `terraform init`s (Terraform's CLI docs). Seen
 * in CI: "failed to compute a checksum ... readlink <work>/plugin-cache/...: no such file or directory"
 * when the lock test's second checkout initialised beside news-dev. A checkout that may init while
 * others do gets a cache directory of its own (TF_PLUGIN_CACHE_DIR overrides the CLI config's).
 */
export function withOwnPluginCache(env: NodeJS.ProcessEnv, cacheDir: string): NodeJS.ProcessEnv {
  mkdirSync(cacheDir, { recursive: true });
  return { ...env, TF_PLUGIN_CACHE_DIR: cacheDir };
}
