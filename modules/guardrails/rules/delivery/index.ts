import type { Rule } from "../../rule";
import { DEP_001 } from "./dep-001-progressive-production-deploys";

/** How production deploys replace the running service. */
export const DELIVERY_RULES: Rule[] = [DEP_001];
