import type { PreviewSettingsInput } from "./schema";

/** Preview environments, one per pull request labelled `preview` (.github/workflows/preview.yml). */
export const previews: PreviewSettingsInput = {
  // Each preview has its own VPC: the default quota is 5 VPCs per region, and dev, staging and prod hold 3.
  maxConcurrent: 2,
  // Tagged Expires=<date>; every deploy of the PR moves it on. The scheduled job destroys previews past it.
  lifetimeDays: 7,
  // Previews are never peered, so they can all use the same range (outside the environments').
  vpcCidr: "10.200.0.0/16",
};
