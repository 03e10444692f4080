import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A dated on-demand price table for one region, and the assumptions the estimate makes. */
export interface PriceTable {
  readonly region: string;
  readonly currency: "USD";
  readonly source: string;
  readonly recorded: string;
  readonly note: string;
  /** Where the Fargate Spot prices come from and how they were entered (they move with supply and demand). */
  readonly fargateSpotSource: string;
  /** Where the ElastiCache for Valkey node prices come from. */
  readonly elasticacheValkeySource: string;
  readonly prices: {
    readonly fargate: Readonly<Record<string, { readonly vcpuHour: number; readonly gbHour: number }>>;
    /** Fargate Spot (FARGATE_SPOT capacity provider): AWS moves it with supply and demand, see `fargateSpotNote`. */
    readonly fargateSpot: Readonly<Record<string, { readonly vcpuHour: number; readonly gbHour: number }>>;
    readonly albHour: number;
    readonly albLcuHour: number;
    readonly natGatewayHour: number;
    readonly natGatewayGbProcessed: number;
    readonly publicIpv4Hour: number;
    readonly rdsPostgresHour: Readonly<Record<string, number>>;
    readonly rdsGp3GbMonth: number;
    /** ElastiCache node-based, Redis OSS engine. */
    readonly elasticacheNodeHour: Readonly<Record<string, number>>;
    /** ElastiCache node-based, Valkey engine (see `elasticacheValkeySource`). */
    readonly elasticacheValkeyNodeHour: Readonly<Record<string, number>>;
    readonly kmsKeyMonth: number;
    readonly secretMonth: number;
    readonly alarmMetricMonth: number;
    readonly compositeAlarmMonth: number;
    readonly dashboardMonth: number;
    readonly customMetricMonth: number;
    readonly logIngestionGb: number;
    readonly wafWebAclMonth: number;
    readonly wafRuleMonth: number;
    readonly wafMillionRequests: number;
    /** EventBridge Scheduler, per million invocations (the first 14 million a month are free; not applied). */
    readonly schedulerMillionInvocations: number;
  };
  readonly assumptions: {
    readonly hoursPerMonth: number;
    readonly albAverageLcus: number;
    readonly natProcessedGbPerGatewayMonth: number;
    readonly logIngestionGbPerTaskMonth: number;
    readonly flowLogGbPerMonth: number;
    readonly wafMillionRequestsPerMonth: number;
  };
  /** Costs the estimate leaves out, said out loud. */
  readonly notCounted: readonly string[];
}

/** The table for `region`; a region without one is an error naming the file to add. */
export function priceTable(region: string): PriceTable {
  const file = join(__dirname, `prices-${region}.json`);
  let table: PriceTable;
  try {
    table = JSON.parse(readFileSync(file, "utf8")) as PriceTable;
  } catch {
    throw new Error(`no price table for region ${region}: add tools/cost/prices-${region}.json (same shape as prices-us-east-1.json)`);
  }
  if (table.region !== region) throw new Error(`${file}: region is ${table.region}, expected ${region}`);
  return table;
}

/** Looks up a size in a price map; an unknown one is an error listing the known ones. */
export function priced(map: Readonly<Record<string, number>>, key: string, what: string): number {
  const price = map[key];
  if (price === undefined) throw new Error(`no ${what} price for ${key} in the price table; known: ${Object.keys(map).join(", ")}`);
  return price;
}
