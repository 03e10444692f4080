import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { Construct } from "constructs";
import { NAME_LIMITS, postgresMaxConnections } from "../aws-limits";
import { encryptedLogGroup } from "../logs/encrypted-log-group";
import { Naming } from "../naming";
import { requireIntInRange } from "../validate";

export interface DatabaseProps {
  readonly naming: Naming;
  /** Isolated data subnets, one per AZ. */
  readonly subnetIds: string[];
  /** The database security group (5432 from the app only). */
  readonly securityGroupId: string;
  /** KMS key ARN for storage, the managed master secret, Performance Insights and log exports. */
  readonly kmsKeyArn: string;
  /** PostgreSQL major version, e.g. "16". */
  readonly engineVersion: string;
  /** e.g. "db.t4g.micro". */
  readonly instanceClass: string;
  readonly allocatedStorageGb: number;
  /** Storage autoscaling cap. */
  readonly maxAllocatedStorageGb: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  /** Deletion protection and a final snapshot on destroy. */
  readonly deletionProtection: boolean;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  /** Retention of the exported PostgreSQL logs. */
  readonly logRetentionDays: number;
  /** Region and account of the instance: they are part of its `rds-db:connect` ARNs. */
  readonly region: string;
  readonly accountId: string;
  /**
   * Database role the application logs in as with IAM authentication tokens (the service's
   * migrations create it and grant it `rds_iam`); `appConnectArn` is the one resource to grant.
   */
  readonly appUsername: string;
  /**
   * Database created at launch.
   * @default "news"
   */
  readonly databaseName?: string;
  /**
   * Master user; its password is generated and rotated by RDS in Secrets Manager.
   * @default "news_admin"
   */
  readonly masterUsername?: string;
  /**
   * Queries slower than this are logged (ms).
   * @default 500
   */
  readonly slowQueryMs?: number;
  /**
   * PostgreSQL's max_connections, pinned in the parameter group (static: applied at the next reboot).
   * @default - RDS's formula for `instanceClass` (postgresMaxConnections in modules/aws-limits.ts)
   */
  readonly maxConnections?: number;
}

export const POSTGRES_PORT = 5432;

/** JSON keys of the RDS-managed master secret (`manage_master_user_password`), set by RDS. */
export const MASTER_SECRET_JSON_KEYS = { username: "username", password: "password" } as const;
const LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/**
 * RDS PostgreSQL in the isolated subnets: encrypted gp3 with storage autoscaling, TLS forced, the
 * master password managed by RDS in Secrets Manager (never in Terraform), IAM auth, Performance
 * Insights, logs exported to pre-created encrypted log groups with retention.
 */
export class Database extends Construct {
  public readonly instance: DbInstance;
  /** ARN of the RDS-managed secret holding `username` and `password`. */
  public readonly masterSecretArn: string;
  public readonly databaseName: string;
  public readonly masterUsername: string;
  /** Host name of the instance (no port). */
  public readonly address: string;
  public readonly port = POSTGRES_PORT;
  /** Instance identifier: the `DBInstanceIdentifier` dimension of its metrics. */
  public readonly identifier: string;
  /** max_connections as set in the parameter group: what connection alarms measure against. */
  public readonly maxConnections: number;
  /** The role the application logs in as with IAM authentication. */
  public readonly appUsername: string;
  /**
   * `arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<appUsername>`: the only resource the
   * task role may `rds-db:connect` to. IAM names the instance by its resource id (`db-…`), not its
   * identifier, so the grant survives a rename and cannot match another instance.
   */
  public readonly appConnectArn: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    requireIntInRange("Database", "allocatedStorageGb", props.allocatedStorageGb, 20, 65536);
    requireIntInRange("Database", "maxAllocatedStorageGb", props.maxAllocatedStorageGb, props.allocatedStorageGb, 65536);
    requireIntInRange("Database", "backupRetentionDays", props.backupRetentionDays, 1, 35);
    this.maxConnections = props.maxConnections ?? postgresMaxConnections(props.instanceClass);
    requireIntInRange("Database", "maxConnections", this.maxConnections, 6, 262_143);
    const { naming } = props;
    const identifier = naming.name("db", { maxLength: NAME_LIMITS.rdsIdentifier });
    this.identifier = identifier;
    this.databaseName = props.databaseName ?? "news";
    this.masterUsername = props.masterUsername ?? "news_admin";

    const subnetGroup = this.createSubnetGroup(props);
    const parameterGroup = this.createParameterGroup(props);
    const logGroups = this.createLogGroups(props, identifier);

    this.instance = new DbInstance(this, "instance", {
      identifier,
      engine: "postgres",
      engineVersion: props.engineVersion,
      autoMinorVersionUpgrade: true,
      instanceClass: props.instanceClass,
      storageType: "gp3",
      allocatedStorage: props.allocatedStorageGb,
      maxAllocatedStorage: props.maxAllocatedStorageGb,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbName: this.databaseName,
      username: this.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      port: POSTGRES_PORT,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      publiclyAccessible: false,
      parameterGroupName: parameterGroup.name,
      multiAz: props.multiAz,
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow: props.backupWindow,
      maintenanceWindow: props.maintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection,
      skipFinalSnapshot: !props.deletionProtection,
      finalSnapshotIdentifier: props.deletionProtection ? `${identifier}-final` : undefined,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7, // the free tier
      enabledCloudwatchLogsExports: [...LOG_EXPORTS],
      caCertIdentifier: "rds-ca-rsa2048-g1",
      applyImmediately: false,
      dependsOn: logGroups,
    });
    this.masterSecretArn = this.instance.masterUserSecret.get(0).secretArn;
    this.appUsername = props.appUsername;
    this.appConnectArn = `arn:aws:rds-db:${props.region}:${props.accountId}:dbuser:${this.instance.resourceId}/${props.appUsername}`;
    this.address = this.instance.address;
  }

  private createSubnetGroup(props: DatabaseProps): DbSubnetGroup {
    const { naming } = props;
    return new DbSubnetGroup(this, "subnet-group", {
      name: naming.name("db", { maxLength: NAME_LIMITS.generic }),
      description: `${naming.prefix}: isolated data subnets`,
      subnetIds: props.subnetIds,
    });
  }

  private createParameterGroup(props: DatabaseProps): DbParameterGroup {
    const { naming } = props;
    const family = `postgres${props.engineVersion}`;
    return new DbParameterGroup(this, "parameters", {
      // A prefix, not a name: the replacement (e.g. a new family) exists before the old group is dropped.
      namePrefix: naming.namePrefix(`db-${family}`, { maxLength: NAME_LIMITS.generic }),
      family,
      description: `${naming.prefix}: TLS only, slow-query and connection logging`,
      parameter: databaseParameters(this.maxConnections, props.slowQueryMs),
      lifecycle: { createBeforeDestroy: true },
    });
  }

  private createLogGroups(props: DatabaseProps, identifier: string) {
    // RDS would create these on first export with no retention and no key; owning them fixes both.
    return LOG_EXPORTS.map((log) =>
      encryptedLogGroup(this, `log-${log}`, {
        name: `/aws/rds/instance/${identifier}/${log}`,
        retentionDays: props.logRetentionDays,
        kmsKeyArn: props.kmsKeyArn,
      }),
    );
  }
}

/** The instance's PostgreSQL parameters: TLS only, slow-query and connection logging, a pinned max_connections. */
function databaseParameters(maxConnections: number, slowQueryMs = 500): { name: string; value: string; applyMethod?: string }[] {
  return [
    { name: "rds.force_ssl", value: "1" },
    { name: "log_min_duration_statement", value: String(slowQueryMs) },
    { name: "log_connections", value: "1" },
    { name: "log_disconnections", value: "1" },
    { name: "log_lock_waits", value: "1" },
    { name: "log_statement", value: "ddl" },
    { name: "log_temp_files", value: "10240" },
    // Pinned rather than left to RDS's memory formula, so the connections alarm knows the real limit.
    { name: "max_connections", value: String(maxConnections), applyMethod: "pending-reboot" },
  ];
}
