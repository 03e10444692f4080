import { preserialized } from "../preserialized";
import type { Article, ArticleSummary, Page } from "./article-store";

/**
 * PostgreSQL writes articles as the API's JSON: `row_to_json` over the API's fields, named and ordered
 * as in the ArticleSummary / Article schemas, escapes strings as JSON.stringify does and writes
 * compact text, so its output is byte for byte what the routes' serializer would write. The client
 * then parses one text value per response instead of rows × columns, and nothing is serialized again.
 */

/** Timestamps as ISO 8601 UTC with milliseconds, as the API gives them. */
const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The ArticleSummary fields of row `t` (any relation with the articles table's columns). */
const SUMMARY_FIELDS = `t.id, t.url, t.title, t.description, t.author, t.source, t.category, t.image_url,
  ${isoUtc("t.published_at")} AS published_at, ${isoUtc("t.created_at")} AS created_at`;

/** `FROM <relation t> ARTICLE_JSON_JOIN` makes `ARTICLE_JSON` the article's JSON text (an Article). */
export const ARTICLE_JSON = "row_to_json(s)::text AS json";
export const ARTICLE_JSON_JOIN = `CROSS JOIN LATERAL (SELECT ${SUMMARY_FIELDS}, t.content) s`;

/** A page's columns, without the (large) content; `n` numbers the rows in list order. */
const PAGE_COLUMNS = `id, url, title, description, author, source, category, image_url, published_at, created_at,
  to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS cursor_ts,
  row_number() OVER (ORDER BY published_at DESC, id DESC) AS n`;

/**
 * One page of the list, newest first, as one row (a PageRow): `limit` rows and one more, which tells
 * whether there is a next page without a count. `where` is a WHERE clause or empty, `limit` an SQL
 * expression (a parameter).
 */
export const pageSql = (where: string, limit: string) =>
  `SELECT coalesce(string_agg(row_to_json(s)::text, ',' ORDER BY t.n) FILTER (WHERE t.n <= ${limit}), '') AS items,
     max(t.cursor_ts) FILTER (WHERE t.n = ${limit}) AS last_ts, max(t.id) FILTER (WHERE t.n = ${limit}) AS last_id,
     count(*) > ${limit} AS more
   FROM (SELECT ${PAGE_COLUMNS} FROM articles ${where} ORDER BY published_at DESC, id DESC LIMIT ${limit} + 1) t
   CROSS JOIN LATERAL (SELECT ${SUMMARY_FIELDS}) s`;

/** What pageSql returns: the items' JSON, comma-separated, and the last item's cursor parts. */
export interface PageRow {
  readonly items: string;
  /** UTC timestamp with microseconds, as cursors keep it. */
  readonly last_ts: string | null;
  readonly last_id: number | null;
  readonly more: boolean;
}

/** A page carrying its JSON text; its items are parsed only when something reads them. */
export function jsonPage(items: string, nextCursor: string | null): Page {
  let parsed: ArticleSummary[] | undefined;
  const page = {
    get items() {
      return (parsed ??= JSON.parse(`[${items}]`) as ArticleSummary[]);
    },
    next_cursor: nextCursor,
  };
  return preserialized(page, `{"items":[${items}],"next_cursor":${JSON.stringify(nextCursor)}}`);
}

/** An article from its JSON text (ARTICLE_JSON), carrying that text. */
export const jsonArticle = (text: string): Article => preserialized(JSON.parse(text) as Article, text);
