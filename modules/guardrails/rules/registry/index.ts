import type { Rule } from "../../rule";
import { REG_001 } from "./reg-001-lifecycle-keeps-deployed-images";

export const REGISTRY_RULES: Rule[] = [REG_001];
