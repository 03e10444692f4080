import type { FastifyInstance } from "fastify";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appOn, postgresRedisBackend, type Backend } from "./support/backends";
import { generatedTypes, OpenApiDocument, redoclyLint, servedDocument } from "./support/openapi";

const SERVICE_DIR = join(__dirname, "..");
const justified: { rule: string; at: string; reason: string }[] = JSON.parse(
  readFileSync(join(SERVICE_DIR, "openapi-lint-justified.json"), "utf8"),
);

const OPERATIONS = {
  "GET /health": "getHealth",
  "GET /health/ready": "getReadiness",
  "GET /api/articles": "listArticles",
  "POST /api/articles": "createArticle",
  "GET /api/articles/{id}": "getArticle",
  "DELETE /api/articles/{id}": "deleteArticle",
  "GET /api/sources": "listSources",
  "GET /api/categories": "listCategories",
  "POST /api/ingest": "ingestArticles",
};
const WRITES = ["createArticle", "deleteArticle", "ingestArticles"];

/** Readiness answers its 503 with the same status document as its 200: probes read `checks`, not a problem. */
const NOT_PROBLEMS = ["getReadiness 503"];

/** On the shared PostgreSQL + Redis: the document and its validation do not depend on the database engine. */
describe("the published OpenAPI document", () => {
  let backend: Backend;
  let app: FastifyInstance;
  let document: OpenApiDocument;
  beforeAll(async () => {
    backend = await postgresRedisBackend();
    app = await appOn(backend);
    document = await servedDocument(app);
  });
  afterAll(async () => {
    await app?.close();
    await backend?.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );

  test("Redocly's recommended rules report no error or warning that openapi-lint-justified.json does not justify", async () => {
    const problems = await redoclyLint(document);
    const unjustified = problems.filter((p) => !justified.some((j) => j.rule === p.rule && j.at === p.at));
    expect(unjustified).toEqual([]);
    // A justification no problem matches any more is stale: remove it.
    const stale = justified.filter((j) => !problems.some((p) => p.rule === j.rule && p.at === j.at));
    expect(stale).toEqual([]);
    for (const { reason } of justified) expect(reason.length).toBeGreaterThan(20);
  });

  test("every operation has its operationId and explicit security: none for reads, the API key for writes", () => {
    expect(Object.fromEntries(operations().map(({ key, operation }) => [key, operation.operationId]))).toEqual(OPERATIONS);
    for (const { operation } of operations()) {
      expect([operation.operationId, operation.security]).toEqual([
        operation.operationId,
        WRITES.includes(operation.operationId!) ? [{ apiKey: [] }] : [],
      ]);
    }
  });

  test("request and response bodies are named components, each referenced; errors are problem+json with the shared Problem schema", () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual(
      [
        "Article",
        "ArticleList",
        "ArticleSummary",
        "Category",
        "CategoryList",
        "Health",
        "IngestRequest",
        "IngestResult",
        "NewArticle",
        "Problem",
        "Readiness",
        "Source",
        "SourceList",
      ].sort(),
    );
    for (const { operation } of operations()) {
      const { requestBody } = operation as { requestBody?: { content: Record<string, unknown> } };
      if (requestBody)
        expect(requestBody.content).toEqual({
          "application/json": { schema: { $ref: expect.stringMatching(/^#\/components\/schemas\/[A-Z][A-Za-z]+$/) } },
        });
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = response.content ?? {};
        if (Number(status) >= 400 && !NOT_PROBLEMS.includes(`${operation.operationId} ${status}`)) {
          expect([operation.operationId, status, content]).toEqual([
            operation.operationId,
            status,
            { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
          ]);
        } else {
          for (const media of Object.values(content))
            expect(media).toEqual({ schema: { $ref: expect.stringMatching(/^#\/components\/schemas\/[A-Z][A-Za-z]+$/) } });
        }
      }
    }
  });

  test("parameters and body fields with a default are optional, so clients need not send them", () => {
    const defaulted: string[] = [];
    for (const { key, operation } of operations()) {
      const { parameters = [], requestBody } = operation as {
        parameters?: { name: string; required?: boolean; schema: { default?: unknown } }[];
        requestBody?: { content: Record<string, { schema: { $ref: string } }> };
      };
      for (const p of parameters) if (p.schema.default !== undefined) defaulted.push(`${key} ${p.name} required=${p.required ?? false}`);
      const ref = requestBody?.content["application/json"].schema.$ref;
      const body =
        ref === undefined
          ? undefined
          : (document.components.schemas[ref.split("/").pop()!] as {
              required?: string[];
              properties?: Record<string, { default?: unknown }>;
            });
      for (const [name, schema] of Object.entries(body?.properties ?? {})) {
        if (schema.default !== undefined) defaulted.push(`${key} ${name} required=${body?.required?.includes(name) ?? false}`);
      }
    }
    expect(defaulted).toEqual(["GET /api/articles limit required=false", "POST /api/ingest page_size required=false"]);
  });

  test("client/ (openapi.json, news-api.d.ts) is what the service serves: `npm run client:generate` after a schema change", async () => {
    expect(JSON.parse(readFileSync(join(SERVICE_DIR, "client", "openapi.json"), "utf8"))).toEqual(document);
    expect(await generatedTypes(document)).toBe(readFileSync(join(SERVICE_DIR, "client", "news-api.d.ts"), "utf8"));
  });

  test("/docs serves Swagger UI on the same document", async () => {
    const ui = await app.inject("/docs");
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger-ui/i);
    expect((await app.inject("/openapi.json")).json()).toEqual(document);
  });
});
