import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { Naming } from "../naming";
import { withStatistic } from "./metric";
import { RUNBOOK_PAGES, runbookUrl } from "./runbooks";
import { AlarmThresholds } from "./service-alarms";
import { ServiceMetrics } from "./service-metrics";
import { dashboardBody, graphWidget, GRID_WIDTH, layoutRows, textWidget } from "./widgets";

export interface GoldenSignalsDashboardProps {
  readonly naming: Naming;
  readonly region: string;
  readonly metrics: ServiceMetrics;
  /** Drawn as lines on the graphs their alarms watch. */
  readonly thresholds: AlarmThresholds;
  /** `<owner>/<repo>`, for the runbook links. */
  readonly repository: string;
  /** Name of the Logs Insights query folder, shown in the header. */
  readonly queryFolder: string;
}

/**
 * `<project>-<env>-golden-signals`: latency, traffic, errors and saturation of every tier, one row
 * each, under a header linking the runbooks and the saved Logs Insights queries.
 */
export class GoldenSignalsDashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: GoldenSignalsDashboardProps) {
    super(scope, id);
    const { metrics: m, thresholds: t, region } = props;
    const graph = (
      title: string,
      metrics: Parameters<typeof graphWidget>[0]["metrics"],
      extra: Partial<Parameters<typeof graphWidget>[0]> = {},
    ) => graphWidget({ title, region, metrics, ...extra });

    const runbooks = RUNBOOK_PAGES.map((page) => `[${page}](${runbookUrl(props.repository, page)})`).join(" · ");
    const header = textWidget(
      `## ${props.naming.prefix}: golden signals\nRunbooks: ${runbooks}\n\nLogs Insights: saved ` +
        `queries under **${props.queryFolder}/** (errors by route, p99 latency by route, 5XX over time, ` +
        "slowest requests, top client IPs).",
      GRID_WIDTH,
      3,
    );
    const widgets = layoutRows([
      [header],
      [
        graph("Latency (s)", [withStatistic(m.latency("Average"), "Average", "average"), m.latency("p90"), m.latency("p99")], {
          threshold: { value: t.p99LatencySeconds, label: "p99 alarm" },
        }),
        graph("Traffic (requests)", [m.requests]),
        graph("Errors", [m.target5xx, m.elb5xx, m.target4xx], {
          threshold: { value: t.target5xxPer5Minutes, label: "5XX alarm (per 5 min)" },
          periodSeconds: 300,
        }),
      ],
      [
        graph("ECS CPU / memory (%)", [m.ecsCpu, m.ecsMemory], {
          threshold: { value: t.ecsCpuPercent, label: "CPU alarm" },
          yAxis: { min: 0, max: 100 },
        }),
        graph("Tasks", [m.runningTasks, m.desiredTasks, m.healthyHosts, m.unhealthyHosts]),
        graph("RDS CPU (%) / connections", [m.rdsCpu, m.rdsConnections], { threshold: { value: t.rdsCpuPercent, label: "CPU alarm" } }),
      ],
      [
        graph("RDS free storage (bytes)", [m.rdsFreeStorage], { periodSeconds: 300 }),
        graph("RDS latency (s)", [m.rdsReadLatency, m.rdsWriteLatency]),
        graph("Redis engine CPU / memory (%)", [...m.redisCpu, ...m.redisMemory], {
          threshold: { value: t.redisCpuPercent, label: "alarm" },
          yAxis: { min: 0, max: 100 },
        }),
      ],
      [
        graph("Redis evictions", m.redisEvictions, { periodSeconds: 300 }),
        graph("Redis cache hit rate (%)", m.redisHitRate, { yAxis: { min: 0, max: 100 } }),
      ],
    ]);
    this.dashboardName = props.naming.name("golden-signals", { maxLength: NAME_LIMITS.dashboard });
    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: this.dashboardName,
      dashboardBody: dashboardBody(widgets),
    });
  }
}
