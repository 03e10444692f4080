/**
 * The CDK Terrain (cdktn) packages the repository moves to, pinned: the parity check, the migration and
 * the variant's lockfile (tools/cdktn/package-lock.json) all use these.
 */
export const CDKTN_PACKAGES = {
  /** replaces `cdktf` 0.21 */
  cdktn: "0.24.0",
  /** replaces `@cdktf/provider-aws` 21.x (AWS provider 6.25); this one is built against AWS provider 6.66 */
  "@cdktn/provider-aws": "25.7.0",
  /** cdktn's peer range is >=10.6.0 <10.8.0 */
  constructs: "10.6.0",
} as const;

/** Development-only: replaces `cdktf-cli`. */
export const CDKTN_DEV_PACKAGES = { "cdktn-cli": "0.24.0" } as const;

/** cdktn-cli 0.24's `engines.node`; under Node 20 it crashes at start (`util.markAsUncloneable is not a function`). */
export const CDKTN_NODE_ENGINE = ">=22.19.0";

/** The Node the check runs cdktn under: the repository's own (package.json devDependencies.node; test/node-version.test.ts). */
export const CDKTN_NODE_VERSION = "22.23.3";

/** The cdktf packages the move removes (their cdktn counterparts above replace them). */
export const CDKTF_PACKAGES = ["cdktf", "cdktf-cli", "@cdktf/provider-aws"] as const;
