import Fastify, { FastifyInstance } from "fastify";
import { Article, ArticleList, componentSchemas, refTo } from "../src/schemas";
import type { NewArticle } from "../src/store/article-store";
import { API_KEY, appPerSuite, articleBody, BACKENDS } from "./support/backends";

/**
 * Lists and single articles leave PostgreSQL as JSON text (src/store/article-json.ts) that the service
 * sends as it is. These tests hold that text to the bytes the routes' schema serializer writes for the
 * same values: field order, nulls, timestamps and string escaping, on awkward strings.
 */

/** Serializes a value with a response schema the way the routes' serializer does. */
async function schemaSerializer(): Promise<{
  serialize(schema: "list" | "article", value: unknown): Promise<string>;
  close(): Promise<void>;
}> {
  const app: FastifyInstance = Fastify();
  for (const schema of componentSchemas) app.addSchema(schema);
  let value: unknown;
  app.post("/list", { schema: { response: { 200: refTo(ArticleList) } } }, async () => value);
  app.post("/article", { schema: { response: { 200: refTo(Article) } } }, async () => value);
  await app.ready();
  return {
    serialize: async (schema, given) => {
      value = given;
      return (await app.inject({ method: "POST", url: `/${schema}` })).body;
    },
    close: () => app.close(),
  };
}

/** Strings JSON escapes in different ways: quotes, backslashes, control characters, non-ASCII, line separators. */
const AWKWARD = [
  'She said "no" \\ then left',
  "line one\nline two\r\n\ttabbed",
  "controls \u0001 \u0008 \u000b \u000c \u001f and delete \u007f",
  "accents é ü ß, CJK 新闻, emoji 📰🗞️, separators \u2028 \u2029",
  "</script><script>alert(1)</script> & <b>",
];

describe.each(BACKENDS)("JSON built by the database on %s", (_name, open) => {
  const suite = appPerSuite(open);
  let serializer: Awaited<ReturnType<typeof schemaSerializer>>;
  beforeAll(async () => (serializer = await schemaSerializer()));
  afterAll(() => serializer?.close());

  // Straight into the store: the awkward values need not pass the API's validation to be served right.
  beforeEach(async () => {
    await suite.backend.store.upsertMany([
      ...AWKWARD.map((text, i) =>
        articleBody(i + 1, { title: text, description: text, author: text, content: `${text} (content)`, source: text }),
      ),
      articleBody(10, { description: null, author: null, image_url: null, content: null }),
      articleBody(11, { image_url: 'https://img.example.org/11.jpg?size=large&q="x"' }),
    ] as NewArticle[]);
  });

  test("a page is byte for byte what the ArticleList schema serializes, with and without a next cursor", async () => {
    for (const url of ["/api/articles?limit=3", "/api/articles", "/api/articles?limit=100&category=none"]) {
      const response = await suite.app.inject(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers["x-cache"]).toBe("miss");
      expect(response.body).toBe(await serializer.serialize("list", response.json()));
    }
    const firstPage = (await suite.app.inject("/api/articles?limit=3")).json();
    expect(firstPage.next_cursor).toEqual(expect.any(String));
    expect((await suite.app.inject("/api/articles?limit=100&category=none")).body).toBe('{"items":[],"next_cursor":null}');
  });

  test("an article is byte for byte what the Article schema serializes, nulls included", async () => {
    const ids = (await suite.app.inject("/api/articles?limit=100")).json().items.map((a: { id: number }) => a.id);
    expect(ids).toHaveLength(AWKWARD.length + 2);
    for (const id of ids) {
      const response = await suite.app.inject(`/api/articles/${id}`);
      expect(response.headers["x-cache"]).toBe("miss");
      expect(response.body).toBe(await serializer.serialize("article", response.json()));
    }
  });

  test("a created article's 201 body, sent as the database wrote it, is byte for byte what the Article schema serializes", async () => {
    const response = await suite.app.inject({
      method: "POST",
      url: "/api/articles",
      headers: { "x-api-key": API_KEY },
      payload: articleBody(20, { title: AWKWARD[0], description: AWKWARD[3], author: null, content: AWKWARD[2] }),
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers.location).toBe(`/api/articles/${response.json().id}`);
    expect(response.body).toBe(await serializer.serialize("article", response.json()));
  });

  test("the store's page and article read as values too (items parsed on demand)", async () => {
    const page = await suite.backend.store.list({ limit: 2 });
    expect(page.items.map((a) => a.title)).toEqual([articleBody(11).title, articleBody(10).title]);
    expect(page.items[1]).toMatchObject({ description: null, author: null, image_url: null });
    expect(page.next_cursor).toEqual(expect.any(String));
    const article = await suite.backend.store.get(page.items[1].id);
    expect(article).toMatchObject({ id: page.items[1].id, content: null, published_at: articleBody(10).published_at });
  });
});
