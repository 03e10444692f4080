import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";

/**
 * OpenAPI 3 generated from the route schemas: JSON at /openapi.json and /docs/json, Swagger UI at
 * /docs. Shared schemas are components named by their `$id` (ArticleList, Problem…), not `def-N`.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "News API",
        version: "1.0.0",
        description:
          "Articles with filters, full-text search and cursor pagination. Errors are RFC 9457 problem+json (the `Problem` " +
          "schema), on any URL: an unknown route is a 404 problem (type `about:blank`), and a request that arrives while a " +
          "task shuts down is a 503 problem with `Retry-After`.",
        license: { name: "Proprietary: newsstack internal use" },
      },
      servers: [{ url: "/", description: "The host serving this document" }],
      components: { securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "x-api-key" } } },
      tags: [
        { name: "articles", description: "Read and write articles" },
        { name: "catalog", description: "Sources and categories" },
        { name: "ingest", description: "Pull from the upstream news API" },
        { name: "health", description: "Liveness and readiness" },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === "string" ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
