import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { REPLACEMENT_SUFFIX_LENGTH, replacementName } from "../terraform/replacement-name";
import { encryptedLogGroup } from "../logs/encrypted-log-group";
import { Naming } from "../naming";
import { GeneratedSecret } from "../secrets/generated-secret";
import { requireIntInRange } from "../validate";

export interface CacheProps {
  readonly naming: Naming;
  /** Isolated data subnets, one per AZ. */
  readonly subnetIds: string[];
  /** The cache security group (6379 from the app only). */
  readonly securityGroupId: string;
  /** KMS key ARN for data at rest, the AUTH-token secret and the slow log. */
  readonly kmsKeyArn: string;
  /** e.g. "cache.t4g.micro". */
  readonly nodeType: string;
  /**
   * "redis" (Redis OSS) or "valkey": the same protocol, AUTH token and TLS for the service.
   * @default "redis"
   */
  readonly engine?: "redis" | "valkey";
  /** Engine version, e.g. "7.1" (redis) or "8.0" (valkey). */
  readonly engineVersion: string;
  /** Replicas besides the primary; ≥ 1 turns on automatic failover and multi-AZ. */
  readonly replicas: number;
  /** Days of daily snapshots kept (0 = none). */
  readonly snapshotRetentionDays: number;
  /** Retention of the slow log. */
  readonly logRetentionDays: number;
  /** Name of the AUTH-token secret, e.g. `news/dev/redis-auth`. */
  readonly authSecretName: string;
  /**
   * Days a deleted AUTH-token secret can be restored.
   * @default 30
   */
  readonly secretRecoveryWindowDays?: number;
}

export const REDIS_PORT = 6379;
/** JSON key of the AUTH token in its secret (ECS reads `<arn>:token::`). */
export const REDIS_AUTH_JSON_KEY = "token";

/**
 * ElastiCache Redis OSS or Valkey replication group in the isolated subnets: encrypted at rest and in transit
 * (TLS required), AUTH token generated into Secrets Manager (see GeneratedSecret), LRU eviction (it is a cache),
 * slow log to an encrypted log group.
 */
export class Cache extends Construct {
  public readonly replicationGroup: ElasticacheReplicationGroup;
  /** Secret holding the AUTH token under `token`. */
  public readonly authSecretArn: string;
  /** Primary endpoint host name (writes and reads). */
  public readonly primaryAddress: string;
  public readonly port = REDIS_PORT;
  /** Cache cluster id of every node (`<group>-001` is the first): the dimension of node metrics. */
  public readonly nodeIds: string[];

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    requireIntInRange("Cache", "replicas", props.replicas, 0, 5);
    requireIntInRange("Cache", "snapshotRetentionDays", props.snapshotRetentionDays, 0, 35);
    const { naming } = props;
    const groupId = naming.name("cache", { maxLength: NAME_LIMITS.elastiCacheReplicationGroup });
    const highlyAvailable = props.replicas >= 1;
    // ElastiCache names a replication group's member clusters <group>-001, -002, …
    this.nodeIds = Array.from({ length: 1 + props.replicas }, (_, i) => `${groupId}-${String(i + 1).padStart(3, "0")}`);

    const subnetGroup = new ElasticacheSubnetGroup(this, "subnet-group", {
      name: naming.name("cache", { maxLength: NAME_LIMITS.generic }),
      description: `${naming.prefix}: isolated data subnets`,
      subnetIds: props.subnetIds,
    });
    const engine = props.engine ?? "redis";
    // Parameter-group families are per engine and major version: redis7, valkey7, valkey8.
    const family = `${engine}${props.engineVersion.split(".")[0]}`;
    const description = `${naming.prefix}: evict least recently used keys when full`;
    const parameterGroup = new ElasticacheParameterGroup(this, "parameters", {
      // A new family (engine or major version) replaces the group while the cache still uses the old
      // one, which ElastiCache refuses to delete: the new group is created first, under a name that
      // carries a digest of what forced the replacement, so the two never share a name.
      name: replacementName(
        naming.name(`cache-${family}`, { maxLength: NAME_LIMITS.generic - REPLACEMENT_SUFFIX_LENGTH }),
        "aws_elasticache_parameter_group",
        { family, description },
      ),
      family,
      description,
      parameter: [{ name: "maxmemory-policy", value: "allkeys-lru" }],
      lifecycle: { createBeforeDestroy: true },
    });
    const slowLog = encryptedLogGroup(this, "slow-log", {
      name: naming.logGroupName("redis/slow-log"),
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    const auth = new GeneratedSecret(this, "auth", {
      name: props.authSecretName,
      description: `${naming.prefix}: Redis AUTH token`,
      kmsKeyArn: props.kmsKeyArn,
      jsonKey: REDIS_AUTH_JSON_KEY,
      recoveryWindowDays: props.secretRecoveryWindowDays,
    });

    this.replicationGroup = new ElasticacheReplicationGroup(this, "redis", {
      replicationGroupId: groupId,
      description: `${naming.prefix}: news API cache`,
      engine,
      engineVersion: props.engineVersion,
      nodeType: props.nodeType,
      numCacheClusters: 1 + props.replicas,
      automaticFailoverEnabled: highlyAvailable,
      multiAzEnabled: highlyAvailable,
      port: REDIS_PORT,
      parameterGroupName: parameterGroup.name,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [props.securityGroupId],
      atRestEncryptionEnabled: "true", // a string attribute in provider v6
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      // ElastiCache has no write-only auth token (provider 6.25: `auth_token` is only `sensitive`), so
      // this one value is read back from the secret and reaches state; the secret stays its one source.
      // A new token (a replaced secret version) is added beside the old one (ROTATE); revoking the old
      // one (SET) is the last step of docs/runbooks/credential-rotation.md, once every task has the new.
      authToken: auth.readBackIntoState("current"),
      authTokenUpdateStrategy: "ROTATE",
      snapshotRetentionLimit: props.snapshotRetentionDays,
      snapshotWindow: "02:00-03:00",
      maintenanceWindow: "sun:05:30-sun:06:30",
      autoMinorVersionUpgrade: "true",
      applyImmediately: false,
      logDeliveryConfiguration: [{ destination: slowLog.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" }],
    });
    this.authSecretArn = auth.secretArn;
    this.primaryAddress = this.replicationGroup.primaryEndpointAddress;
  }
}
