/**
 * Facts about AWS that the config validator and the modules both check against. Kept in one place so
 * the validator rejects exactly what AWS would reject at apply time.
 */

/** Commercial regions where every service this stack uses (ECS Fargate ARM64, RDS, ElastiCache, WAFv2) exists. */
export const AWS_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "ca-west-1",
  "mx-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "af-south-1",
  "ap-east-1",
  "ap-south-1",
  "ap-south-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
] as const;
export type AwsRegion = (typeof AWS_REGIONS)[number];

/** CloudWatch Logs accepts only these retention values (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** Fargate task sizes: CPU units → the memory values (MiB) AWS accepts with that CPU. */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_MEMORY_BY_CPU[cpu]?.includes(memory) ?? false;
}

/** Maximum lengths of the physical names AWS enforces, used by `modules/naming.ts`. */
export const NAME_LIMITS = {
  loadBalancer: 32,
  targetGroup: 32,
  elastiCacheReplicationGroup: 40,
  rdsIdentifier: 63,
  s3Bucket: 63,
  iamRole: 64,
  iamPolicy: 128,
  securityGroup: 255,
  logGroup: 512,
  kmsAlias: 256,
  ecrRepository: 256,
  ecsCluster: 255,
  ecsService: 255,
  secret: 512,
  snsTopic: 256,
  dashboard: 255,
  alarm: 255,
  lambdaFunction: 64,
  generic: 255,
  schedulerSchedule: 64,
} as const;

/**
 * Elastic Load Balancing's log-delivery account in regions opened before August 2022; those regions
 * require it as the access-log bucket policy's principal. Newer regions use the service principal
 * `logdelivery.elasticloadbalancing.amazonaws.com` instead.
 */
export const ELB_LOG_DELIVERY_ACCOUNT: Readonly<Partial<Record<AwsRegion, string>>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-southeast-3": "589379963580",
  "ap-south-1": "718504428378",
  "ap-northeast-3": "383597477331",
  "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-northeast-1": "582318560864",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-south-1": "635631232127",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
};

/**
 * Memory (GiB) of the RDS instance classes this project knows; PostgreSQL's default max_connections
 * is derived from it. A class missing here is a config error listing these, not a silent guess.
 */
export const RDS_INSTANCE_MEMORY_GIB: Readonly<Record<string, number>> = {
  "db.t4g.micro": 1,
  "db.t4g.small": 2,
  "db.t4g.medium": 4,
  "db.t4g.large": 8,
  "db.t4g.xlarge": 16,
  "db.t4g.2xlarge": 32,
  "db.t3.micro": 1,
  "db.t3.small": 2,
  "db.t3.medium": 4,
  "db.t3.large": 8,
  "db.t3.xlarge": 16,
  "db.t3.2xlarge": 32,
  "db.m7g.large": 8,
  "db.m7g.xlarge": 16,
  "db.m7g.2xlarge": 32,
  "db.m7g.4xlarge": 64,
  "db.m6g.large": 8,
  "db.m6g.xlarge": 16,
  "db.m6g.2xlarge": 32,
  "db.m6g.4xlarge": 64,
  "db.r7g.large": 16,
  "db.r7g.xlarge": 32,
  "db.r7g.2xlarge": 64,
  "db.r7g.4xlarge": 128,
  "db.r6g.large": 16,
  "db.r6g.xlarge": 32,
  "db.r6g.2xlarge": 64,
  "db.r6g.4xlarge": 128,
};

/**
 * An estimate of RDS's DBInstanceClassMemory: the class's memory less what RDS keeps for the OS and its
 * own processes. `SHOW max_connections` on default parameter groups gives 198, 413, 856 and 1660 on 2,
 * 4, 8 and 15.25 GiB classes, i.e. 250–530 MiB reserved; 97 % of the memory less 256 MiB stays at or
 * below every one of them (and gives 81 on a 1 GiB class, the value reported for db.t3.micro).
 */
function rdsInstanceClassMemoryBytes(instanceClass: string): number {
  const gib = RDS_INSTANCE_MEMORY_GIB[instanceClass];
  if (gib === undefined) throw new Error(`unknown RDS instance class ${instanceClass}`);
  return Math.floor(gib * 1024 ** 3 * 0.97 - 256 * 1024 ** 2);
}

/**
 * RDS for PostgreSQL's max_connections formula, LEAST(DBInstanceClassMemory / 9531392, 5000), on the
 * estimate above. The database module pins the result in its parameter group, so the alarms and the
 * instance agree on the number instead of each guessing it.
 */
export function postgresMaxConnections(instanceClass: string): number {
  return Math.min(Math.floor(rdsInstanceClassMemoryBytes(instanceClass) / 9_531_392), 5000);
}
