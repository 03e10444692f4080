import type { Rule } from "../../rule";
import { AWS_001 } from "./aws-001-load-balancer-names-32-characters";
import { AWS_002 } from "./aws-002-target-group-names-32-characters";
import { AWS_003 } from "./aws-003-elasticache-ids-40-lowercase-characters";
import { AWS_004 } from "./aws-004-rds-identifiers-63-lowercase-characters";
import { AWS_005 } from "./aws-005-s3-bucket-names";
import { AWS_006 } from "./aws-006-iam-role-names-64-characters";
import { AWS_007 } from "./aws-007-log-group-names-512-characters";
import { AWS_008 } from "./aws-008-sns-topic-names-256-characters";
import { AWS_009 } from "./aws-009-dashboard-names-255-characters";
import { AWS_010 } from "./aws-010-fargate-task-sizes";
import { AWS_011 } from "./aws-011-subnets-lie-inside-their-vpc";
import { AWS_012 } from "./aws-012-alarm-periods-are-whole-minutes";
import { AWS_013 } from "./aws-013-security-group-texts-are-ascii";
import { AWS_014 } from "./aws-014-kms-alias-prefix";
import { AWS_015 } from "./aws-015-waf-log-group-prefix";
import { AWS_016 } from "./aws-016-secret-names-512-characters";
import { AWS_017 } from "./aws-017-ecs-cluster-and-service-names";

export const AWS_VALIDITY_RULES: Rule[] = [
  AWS_001,
  AWS_002,
  AWS_003,
  AWS_004,
  AWS_005,
  AWS_006,
  AWS_007,
  AWS_008,
  AWS_009,
  AWS_010,
  AWS_011,
  AWS_012,
  AWS_013,
  AWS_014,
  AWS_015,
  AWS_016,
  AWS_017,
];
