import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { FastifyInstance } from "fastify";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** The OpenAPI document as the service serves it, plus the tools that check it and its responses. */

export type OpenApiDocument = {
  paths: Record<
    string,
    Record<string, { operationId?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
  components: { schemas: Record<string, unknown> };
} & Record<string, unknown>;

const SERVICE_DIR = join(__dirname, "..", "..");

export async function servedDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const response = await app.inject("/docs/json");
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** A package's CLI script, found the way Node finds the package (its `exports` hide the bin path). */
function cliOf(pkg: string, bin: string): string {
  const dir = (require.resolve.paths(pkg) ?? [])
    .map((modules) => join(modules, pkg))
    .find((candidate) => existsSync(join(candidate, "package.json")));
  if (!dir) throw new Error(`${pkg} is not installed: run npm ci at the repository root`);
  return join(dir, bin);
}

/** Runs a CLI from the workspace's node_modules on `document` (written to a temp file) and returns stdout. */
async function runOnDocument(pkg: string, bin: string, document: OpenApiDocument, args: (file: string) => string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "news-openapi-"));
  try {
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(document));
    // No update checks, notices or telemetry: the lint and the generator run offline.
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
    const result = await promisify(execFile)(process.execPath, [cliOf(pkg, bin), ...args(file)], {
      cwd: SERVICE_DIR,
      env,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
      if (error.stdout) return { stdout: error.stdout }; // a lint with problems exits 1 but still reports them
      throw new Error(`${pkg} failed (exit ${error.code}): ${error.stderr}`);
    });
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LintProblem {
  readonly rule: string;
  readonly at: string;
  readonly severity: string;
  readonly message: string;
}

/** Redocly CLI's lint with redocly.yaml (the recommended ruleset): every error and warning it reports. */
export async function redoclyLint(document: OpenApiDocument): Promise<LintProblem[]> {
  const stdout = await runOnDocument("@redocly/cli", "bin/cli.js", document, (file) => [
    "lint",
    file,
    "--config",
    "redocly.yaml",
    "--format",
    "json",
  ]);
  const report: { problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] } = JSON.parse(stdout);
  return report.problems.map((p) => ({ rule: p.ruleId, at: p.location[0]?.pointer ?? "", severity: p.severity, message: p.message }));
}

/**
 * The TypeScript types openapi-typescript generates from `document`, as `npm run client:generate`
 * does: fields with a default stay optional (the server fills them in; clients need not send them).
 */
export function generatedTypes(document: OpenApiDocument): Promise<string> {
  return runOnDocument("openapi-typescript", "bin/cli.js", document, (file) => [file, "--default-non-nullable", "false"]);
}

const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/**
 * Checks a response against the operation the document publishes for it: the status must be
 * documented, the media type must be one documented for that status, and the body must validate
 * against its schema (ajv, with the document's components). Returns what is wrong, empty when nothing.
 */
export function responseChecker(document: OpenApiDocument) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi");
  return (method: string, pathTemplate: string, status: number, contentType: string | null, body: string): string[] => {
    const where = `${method.toUpperCase()} ${pathTemplate} → ${status}`;
    const operation = document.paths[pathTemplate]?.[method.toLowerCase()];
    if (!operation) return [`${where}: no such operation in the document`];
    const response = operation.responses[String(status)];
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(", ")})`];
    if (!response.content) return body === "" ? [] : [`${where}: documented without a body, got ${JSON.stringify(body.slice(0, 100))}`];
    const mediaType = (contentType ?? "").split(";")[0].trim();
    if (!(mediaType in response.content))
      return [`${where}: content type ${mediaType || "(none)"} not documented (documented: ${Object.keys(response.content).join(", ")})`];
    const validate = ajv.getSchema(
      `openapi#/${pointer("paths", pathTemplate, method.toLowerCase(), "responses", String(status), "content", mediaType, "schema")}`,
    )!;
    if (validate(JSON.parse(body))) return [];
    return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message}`);
  };
}
