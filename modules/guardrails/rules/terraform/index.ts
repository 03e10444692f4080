import type { Rule } from "../../rule";
import { TF_001 } from "./tf-001-replacement-names";
import { TF_002 } from "./tf-002-capacity-owner";
import { TF_003 } from "./tf-003-state-location";
import { TF_004 } from "./tf-004-parameter-groups-in-use";

/** What Terraform itself would get wrong on day 2: replacements, ownership of changing values, state. */
export const TERRAFORM_RULES: Rule[] = [TF_001, TF_002, TF_003, TF_004];
