import { App, type AppConfig } from "cdktf";
import { REQUIRED_TERRAFORM_VERSION } from "./backend";

/**
 * The Terraform releases the synthesized JSON targets, as App context. CDK Terrain checks every feature
 * a stack uses against it at synth (write-only arguments need Terraform 1.11; with nothing declared it
 * assumes 1.5.7 and refuses to synthesize); cdktf 0.21 ignores the key.
 */
export const TERRAFORM_TARGETS = { targetVersions: { terraform: REQUIRED_TERRAFORM_VERSION } } as const;

/** An App that declares the Terraform it targets: every App the repository synthesizes comes from here. */
export const newApp = (config: AppConfig = {}): App => new App({ ...config, context: { ...TERRAFORM_TARGETS, ...config.context } });
