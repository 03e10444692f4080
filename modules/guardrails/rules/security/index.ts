import type { Rule } from "../../rule";
import { SEC_001 } from "./sec-001-s3-buckets-are-encrypted";
import { SEC_002 } from "./sec-002-s3-buckets-block-all-public";
import { SEC_003 } from "./sec-003-s3-buckets-refuse-plain-http";
import { SEC_004 } from "./sec-004-rds-storage-is-encrypted";
import { SEC_005 } from "./sec-005-postgresql-forces-tls";
import { SEC_006 } from "./sec-006-redis-is-encrypted-at-rest";
import { SEC_007 } from "./sec-007-log-groups-are-kms-encrypted";
import { SEC_008 } from "./sec-008-sns-topics-are-kms-encrypted";
import { SEC_009 } from "./sec-009-ecr-repositories-immutable-tags-scan";
import { SEC_010 } from "./sec-010-secrets-use-the-environment-kms";
import { SEC_011 } from "./sec-011-no-ingress-from-the-internet";
import { SEC_012 } from "./sec-012-the-cache-is-not-reachable";
import { SEC_013 } from "./sec-013-iam-no-star-actions";
import { SEC_014 } from "./sec-014-write-actions-are-scoped";
import { SEC_015 } from "./sec-015-every-resource-is-tagged";
import { SEC_016 } from "./sec-016-kms-keys-rotate-yearly";
import { SEC_019 } from "./sec-019-iam-database-logins-name-one";
import { SEC_017 } from "./sec-017-load-balancers-drop-invalid-http";

export const SECURITY_RULES: Rule[] = [
  SEC_001,
  SEC_002,
  SEC_003,
  SEC_004,
  SEC_005,
  SEC_006,
  SEC_007,
  SEC_008,
  SEC_009,
  SEC_010,
  SEC_011,
  SEC_012,
  SEC_013,
  SEC_014,
  SEC_015,
  SEC_016,
  SEC_019,
  SEC_017,
];
