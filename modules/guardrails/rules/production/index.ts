import type { Rule } from "../../rule";
import { PRD_001 } from "./prd-001-load-balancers-have-deletion-protection";
import { PRD_002 } from "./prd-002-databases-have-deletion-protection";
import { PRD_003 } from "./prd-003-databases-are-multi-az";
import { PRD_004 } from "./prd-004-redis-fails-over-across-azs";
import { PRD_005 } from "./prd-005-backups-kept-7-days";
import { PRD_006 } from "./prd-006-internet-facing-albs-have-waf";

/** Rules for production-tier environments only (`tier: "production"` in environments/). */
export const PRODUCTION_RULES: Rule[] = [PRD_001, PRD_002, PRD_003, PRD_004, PRD_005, PRD_006];
