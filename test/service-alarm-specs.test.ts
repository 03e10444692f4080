import { serviceAlarmSpecs } from "../modules/monitoring/service-alarm-specs";
import { serviceMetrics } from "../modules/monitoring/service-metrics";

// The alarm table is a pure function: thresholds and windows pinned for one fixed input, no synth.
const metrics = serviceMetrics({
  loadBalancerArnSuffix: "app/news-test-alb/1",
  targetGroupArnSuffix: "targetgroup/news-test-api/2",
  clusterName: "news-test",
  serviceName: "news-test-api",
  databaseIdentifier: "news-test-db",
  cacheNodeIds: ["news-test-cache-001", "news-test-cache-002"],
});
const thresholds = {
  target5xxPer5Minutes: 10,
  p99LatencySeconds: 1.5,
  ecsCpuPercent: 85,
  ecsMemoryPercent: 85,
  rdsCpuPercent: 80,
  rdsFreeStoragePercent: 10,
  rdsConnectionsPercentOfMax: 80,
  redisCpuPercent: 75,
  redisMemoryPercent: 80,
};
const specs = (minimumRunningTasks: number) =>
  serviceAlarmSpecs({ metrics, thresholds, minimumRunningTasks, databaseMaxConnections: 190, databaseStorageGb: 20 });
const row = (minimumRunningTasks: number, key: string) => {
  const { threshold, comparison, periodSeconds, evaluationPeriods, treatMissingData } = specs(minimumRunningTasks)[key];
  return { threshold, comparison, periodSeconds, evaluationPeriods, treatMissingData };
};

describe("service alarm table (serviceAlarmSpecs)", () => {
  test("one row per golden-signal alarm, in a stable order", () => {
    expect(Object.keys(specs(2))).toEqual([
      "target5xx",
      "latencyP99",
      "unhealthyTargets",
      "runningTasksLow",
      "ecsCpu",
      "ecsMemory",
      "rdsCpu",
      "rdsFreeStorage",
      "rdsConnections",
      "redisCpu",
      "redisMemory",
      "redisEvictions",
    ]);
  });

  test.each([
    [
      "target5xx",
      { threshold: 10, comparison: "GreaterThanThreshold", periodSeconds: 300, evaluationPeriods: 1, treatMissingData: "notBreaching" },
    ],
    [
      "latencyP99",
      { threshold: 1.5, comparison: "GreaterThanThreshold", periodSeconds: 300, evaluationPeriods: 2, treatMissingData: "notBreaching" },
    ],
    [
      "unhealthyTargets",
      { threshold: 0, comparison: "GreaterThanThreshold", periodSeconds: 60, evaluationPeriods: 3, treatMissingData: "notBreaching" },
    ],
    [
      "runningTasksLow",
      { threshold: 2, comparison: "LessThanThreshold", periodSeconds: 60, evaluationPeriods: 5, treatMissingData: "breaching" },
    ],
    [
      "rdsCpu",
      { threshold: 80, comparison: "GreaterThanThreshold", periodSeconds: 300, evaluationPeriods: 3, treatMissingData: "breaching" },
    ],
    // 10 % of 20 GiB, in bytes; 80 % of 190 connections, rounded down.
    [
      "rdsFreeStorage",
      { threshold: 2147483648, comparison: "LessThanThreshold", periodSeconds: 300, evaluationPeriods: 1, treatMissingData: "breaching" },
    ],
    [
      "rdsConnections",
      { threshold: 152, comparison: "GreaterThanThreshold", periodSeconds: 300, evaluationPeriods: 2, treatMissingData: "breaching" },
    ],
    [
      "redisEvictions",
      { threshold: 0, comparison: "GreaterThanThreshold", periodSeconds: 300, evaluationPeriods: 3, treatMissingData: "notBreaching" },
    ],
  ])("%s", (key, expected) => {
    expect(row(2, key)).toEqual(expected);
  });

  test("scaled to zero on a schedule, the task alarm watches desired - running instead", () => {
    expect(row(0, "runningTasksLow")).toEqual({
      threshold: 0,
      comparison: "GreaterThanThreshold",
      periodSeconds: 60,
      evaluationPeriods: 15,
      treatMissingData: "notBreaching",
    });
    expect(specs(0).runningTasksLow.metric).toMatchObject({ expression: "desired - running" });
  });

  test("Redis alarms take MAX (CPU, memory) or SUM (evictions) over every node", () => {
    expect(specs(2).redisCpu.metric).toMatchObject({ expression: "MAX([n1, n2])" });
    expect(specs(2).redisEvictions.metric).toMatchObject({ expression: "SUM([n1, n2])" });
    expect(specs(2).redisEvictions.summary).toBe("Redis evicted keys (across 2 nodes): the cache is too small for its working set.");
  });
});
