import type { PlatformInput } from "./schema";

/** Account-wide settings: the shared account holding Terraform state, the registry and CI identity. */
export const platform: PlatformInput = {
  project: "news",
  repository: "example-org/newsstack",
  costCenter: "platform",
  accountId: "123456789012",
  region: "us-east-1",
  // Above the environments' budgets together (100 + 250 + 600) plus account-wide resources.
  billing: { alarmThresholdUsd: 1000, emails: ["platform-alerts@example.com"] },
  state: {
    // Flip to "s3" after the first `cdktf deploy news-state` (see README, "Remote state").
    stateStackBackend: "local",
  },
};
