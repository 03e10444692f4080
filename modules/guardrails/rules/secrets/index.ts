import type { Rule } from "../../rule";
import { SEC_018 } from "./sec-018-no-secret-values-in-state";

export const SECRETS_RULES: Rule[] = [SEC_018];
