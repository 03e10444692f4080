import type { Rule } from "../../rule";
import { IAM_001 } from "./iam-001-roles-only-under-boundary";
import { IAM_002 } from "./iam-002-passrole-names-services";
import { IAM_003 } from "./iam-003-no-broad-managed-policy";
import { IAM_010 } from "./iam-010-cross-account-roles-named";

export const IAM_RULES: Rule[] = [IAM_001, IAM_002, IAM_003, IAM_010];
