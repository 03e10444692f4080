import { ProblemError } from "../problem";
import { ARTICLE_JSON, jsonArticle, jsonPage, pageSql, PageRow } from "./article-json";
import type { Article, ArticleStore, Facet, ListQuery, NewArticle, Page, UpsertCounts } from "./article-store";
import { encodeCursor } from "./cursor";
import { isAuthenticationFailure } from "./credentials";
import type { Database, PoolUsage } from "./database";
import { TurnBatcher } from "./turn-batcher";

const INSERT_COLUMNS = ["url", "title", "description", "content", "author", "source", "category", "image_url", "published_at"] as const;

/** Connection-level failures: the database is down, restarting or unreachable, not a bad query. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/**
 * The database did not answer in time: statement_timeout (57014, query_canceled) on the server, or
 * the client's own query bound. A lock or an overload, not a bug in the request: a 503 to retry.
 */
function isTimeout(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === "57014" || /Query read timeout/i.test(e.message ?? "");
}

function isUnavailable(error: unknown): boolean {
  // Refused credentials (a rotated password, an expired token): down for this task until they work.
  if (isAuthenticationFailure(error)) return true;
  const e = error as { code?: string; message?: string };
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith("08"))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|connect ECONNREFUSED/i.test(
    e.message ?? "",
  );
}

/** One implementation of ArticleStore in SQL; runs unchanged on PostgreSQL and PGlite. */
export class SqlArticleStore implements ArticleStore {
  /** List pages: the misses of one event-loop turn with the same filters share one statement. */
  private readonly pages: TurnBatcher<PageRow>;

  constructor(private readonly db: Database) {
    this.pages = new TurnBatcher((text, params) => this.run<PageRow>(text, params));
  }

  /** Runs `work`, turning connection-level failures into a dependency-unavailable problem (a 503). */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isTimeout(error)) throw ProblemError.dependencyUnavailable("database", error, "timeout");
      if (isUnavailable(error)) throw ProblemError.dependencyUnavailable("database", error);
      throw error;
    }
  }

  private async run<R>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.guarded(async () => (await this.db.query<R>(text, params)).rows);
  }

  async list(query: ListQuery): Promise<Page> {
    // Parameters are columns of the batch's rows (turn-batcher.ts), as text: typed by the casts here.
    const where: string[] = [];
    const params: string[] = [];
    const param = (value: string | number) => `b.p${params.push(String(value))}`;
    if (query.category) where.push(`category = ${param(query.category)}`);
    if (query.source) where.push(`source = ${param(query.source)}`);
    if (query.q) where.push(`search @@ websearch_to_tsquery('english', ${param(query.q)})`);
    if (query.from) where.push(`published_at >= ${param(query.from)}::timestamptz`);
    if (query.to) where.push(`published_at <= ${param(query.to)}::timestamptz`);
    if (query.after) {
      where.push(
        `(published_at, id) < (${param(query.after.publishedAt)}::timestamp AT TIME ZONE 'UTC', ${param(query.after.id)}::integer)`,
      );
    }
    const page = await this.pages.read(
      pageSql(where.length ? `WHERE ${where.join(" AND ")}` : "", `${param(query.limit)}::integer`),
      params,
    );
    return jsonPage(page.items, page.more ? encodeCursor({ publishedAt: page.last_ts!, id: Number(page.last_id) }) : null);
  }

  async get(id: number): Promise<Article | undefined> {
    const [row] = await this.run<{ json: string }>(`SELECT ${ARTICLE_JSON} FROM articles t WHERE t.id = $1`, [id]);
    return row ? jsonArticle(row.json) : undefined;
  }

  async create(article: NewArticle): Promise<Article> {
    const values = INSERT_COLUMNS.map((column) => article[column] ?? null);
    const rows = await this.run<{ json: string }>(
      `INSERT INTO articles AS t (${INSERT_COLUMNS.join(", ")}) VALUES (${INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
       ON CONFLICT (url) DO NOTHING RETURNING ${ARTICLE_JSON}`,
      values,
    );
    if (rows.length === 0) throw ProblemError.conflict(`an article with url ${JSON.stringify(article.url)} exists`);
    return jsonArticle(rows[0].json);
  }

  async delete(id: number): Promise<boolean> {
    return (await this.run(`DELETE FROM articles WHERE id = $1 RETURNING id`, [id])).length === 1;
  }

  async upsertMany(articles: readonly NewArticle[]): Promise<UpsertCounts> {
    if (articles.length === 0) return { inserted: 0, updated: 0 };
    const params: unknown[] = [];
    const tuples = articles.map((article) => `(${INSERT_COLUMNS.map((column) => `$${params.push(article[column] ?? null)}`).join(", ")})`);
    const updates = INSERT_COLUMNS.filter((c) => c !== "url").map((c) => `${c} = EXCLUDED.${c}`);
    // xmax = 0 only on freshly inserted rows: tells inserts from updates in one round trip.
    const rows = await this.run<{ inserted: boolean }>(
      `INSERT INTO articles (${INSERT_COLUMNS.join(", ")}) VALUES ${tuples.join(", ")}
       ON CONFLICT (url) DO UPDATE SET ${updates.join(", ")} RETURNING (xmax = 0) AS inserted`,
      params,
    );
    const inserted = rows.filter((r) => r.inserted).length;
    return { inserted, updated: rows.length - inserted };
  }

  sources(): Promise<Facet[]> {
    return this.facet("source");
  }

  categories(): Promise<Facet[]> {
    return this.facet("category");
  }

  private async facet(column: "source" | "category"): Promise<Facet[]> {
    const rows = await this.run<{ name: string; count: number }>(
      `SELECT ${column} AS name, count(*)::integer AS count FROM articles GROUP BY ${column} ORDER BY count DESC, name`,
    );
    return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
  }

  ping(): Promise<void> {
    return this.guarded(() => this.db.ping());
  }

  poolUsage(): PoolUsage | undefined {
    return this.db.poolUsage?.();
  }
}
