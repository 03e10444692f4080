import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { LOG_QUERIES } from "../modules/monitoring/log-insights";

// The Logs Insights queries (modules/monitoring) read fields the service's request log must write
// (services/news-api, read here from its source, not edited): a renamed field would make a query
// return nothing, and no synth or service test would notice.
const SERVICE_SRC = join(__dirname, "..", "services", "news-api", "src");
const source = (file: string) => ts.createSourceFile(file, readFileSync(join(SERVICE_SRC, file), "utf8"), ts.ScriptTarget.ES2022, true);

/** Property names of the object each `<x>.log.info({...}, "<message>")` call logs with `message`. */
function loggedFields(file: string, message: string): string[] {
  const fields: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && /\.log\.(info|warn|error)$/.test(node.expression.getText())) {
      const [object, text] = node.arguments;
      if (text && ts.isStringLiteral(text) && text.text === message && ts.isObjectLiteralExpression(object)) {
        fields.push(...object.properties.map((p) => p.name!.getText()));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source(file));
  return fields;
}

/** The option `name` of the Fastify logger set-up in app.ts (e.g. requestIdLogLabel). */
function appLogOption(name: string): string {
  let value: string | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === name && ts.isStringLiteral(node.initializer))
      value = node.initializer.text;
    ts.forEachChild(node, visit);
  };
  visit(source("app.ts"));
  if (!value) throw new Error(`app.ts sets no ${name}`);
  return value;
}

const QUERY_WORDS = new Set([
  "filter",
  "stats",
  "sort",
  "fields",
  "limit",
  "by",
  "as",
  "and",
  "or",
  "not",
  "desc",
  "asc",
  "count",
  "pct",
  "bin",
  "avg",
  "max",
  "min",
  "sum",
]);

/** Log fields a query reads: its identifiers minus keywords, functions, aliases it defines and @-fields CloudWatch adds. */
function queryFields(query: string): string[] {
  const withoutStrings = query.replace(/"[^"]*"/g, " ");
  const aliases = new Set([...withoutStrings.matchAll(/\bas\s+([A-Za-z_][\w]*)/g)].map((m) => m[1]));
  const words = [...withoutStrings.matchAll(/(?<![@\w])[A-Za-z_][\w]*/g)].map((m) => m[0]).filter((w) => !/^\d/.test(w));
  return [...new Set(words.filter((w) => !QUERY_WORDS.has(w) && !aliases.has(w) && !/^\d+[smhd]$/.test(w)))];
}

describe("Logs Insights queries read fields the service logs", () => {
  // pino writes `msg` and (with the logger's formatter) `level` on every line; Fastify binds the request id.
  const written = new Set(["msg", "level", appLogOption("requestIdLogLabel"), ...loggedFields("plugins/request-log.ts", "request")]);

  test("the request log's fields are found in the service source", () => {
    expect([...written].sort()).toEqual([
      "cache",
      "client_ip",
      "latency_ms",
      "level",
      "method",
      "msg",
      "request_id",
      "route",
      "status",
      "url",
    ]);
  });

  test.each(Object.entries(LOG_QUERIES))("%s", (_, query) => {
    const read = queryFields(query);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((field) => !written.has(field))).toEqual([]);
  });

  test("a query on a field the service does not write is caught", () => {
    expect(queryFields('filter msg = "request" | stats pct(duration_ms, 99) as p99 by route').filter((f) => !written.has(f))).toEqual([
      "duration_ms",
    ]);
  });
});
