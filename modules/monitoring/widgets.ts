import { isPercentile, Metric } from "./metric";

/**
 * Typed CloudWatch dashboard widgets. The dashboard body is built from these and serialized once,
 * so a widget cannot be malformed JSON and a metric cannot be misspelt in one place only.
 * Format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
export interface Widget {
  readonly type: "metric" | "text";
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

export interface PlacedWidget extends Widget {
  readonly x: number;
  readonly y: number;
}

/** The dashboard grid is 24 units wide. */
export const GRID_WIDTH = 24;

export interface GraphOptions {
  readonly title: string;
  readonly region: string;
  readonly metrics: readonly Metric[];
  /** Seconds per data point. */
  readonly periodSeconds?: number;
  readonly width?: number;
  readonly height?: number;
  /** Horizontal line, e.g. the alarm threshold. */
  readonly threshold?: { readonly value: number; readonly label: string };
  readonly yAxis?: { readonly min?: number; readonly max?: number; readonly label?: string };
}

/** A metric row in the dashboard's array form: [namespace, name, dim1, value1, …, {stat, label}]. */
function metricRow(metric: Metric): unknown[] {
  const dimensions = Object.entries(metric.dimensions).flat();
  return [metric.namespace, metric.name, ...dimensions, { stat: metric.statistic, ...(metric.label ? { label: metric.label } : {}) }];
}

export function graphWidget(options: GraphOptions): Widget {
  if (options.metrics.length === 0) throw new Error(`graphWidget "${options.title}": needs at least one metric`);
  for (const m of options.metrics) {
    if (!/^[A-Z]/.test(m.statistic) && !isPercentile(m.statistic))
      throw new Error(`graphWidget "${options.title}": unknown statistic ${m.statistic}`);
  }
  return {
    type: "metric",
    width: options.width ?? 8,
    height: options.height ?? 6,
    properties: {
      title: options.title,
      region: options.region,
      view: "timeSeries",
      stacked: false,
      period: options.periodSeconds ?? 60,
      metrics: options.metrics.map(metricRow),
      ...(options.threshold ? { annotations: { horizontal: [{ value: options.threshold.value, label: options.threshold.label }] } } : {}),
      ...(options.yAxis ? { yAxis: { left: { showUnits: false, ...options.yAxis } } } : {}),
    },
  };
}

export function textWidget(markdown: string, width = GRID_WIDTH, height = 3): Widget {
  return { type: "text", width, height, properties: { markdown } };
}

/** Places rows of widgets top to bottom, each row left to right; a row must fit the 24-unit grid. */
export function layoutRows(rows: readonly (readonly Widget[])[]): PlacedWidget[] {
  const placed: PlacedWidget[] = [];
  let y = 0;
  for (const row of rows) {
    const width = row.reduce((sum, w) => sum + w.width, 0);
    if (width > GRID_WIDTH) throw new Error(`dashboard row is ${width} units wide; the grid is ${GRID_WIDTH}`);
    let x = 0;
    for (const widget of row) {
      placed.push({ ...widget, x, y });
      x += widget.width;
    }
    y += Math.max(...row.map((w) => w.height));
  }
  return placed;
}

/** The `dashboard_body` JSON. */
export const dashboardBody = (widgets: readonly PlacedWidget[]) => JSON.stringify({ widgets });
