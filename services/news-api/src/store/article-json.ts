import { preserialized } from "../preserialized";
import type { Article, ArticleSummary, Page } from "./article-store";

/**
 * PostgreSQL writes articles as the API's JSON. Each row stores its ArticleSummary JSON in
 * `summary_json`, computed when the row is written (migrations/003_article_summary_json.sql: fields
 * named and ordered as in the schema, strings escaped as JSON.stringify does, compact), so its text
 * is byte for byte what the routes' serializer would write. A page is those texts joined with
 * commas; the client parses one text value per response instead of rows × columns, and nothing is
 * serialized again.
 */

/**
 * `FROM articles t`: `ARTICLE_JSON` is the row's Article JSON text: the stored summary with the
 * content appended as its last field (escaped by to_json as row_to_json escapes the others).
 */
export const ARTICLE_JSON = `left(t.summary_json, -1) || ',"content":' || coalesce(to_json(t.content)::text, 'null') || '}' AS json`;

/**
 * One page of the list, newest first, as one row (a PageRow): `limit` rows and one more, which tells
 * whether there is a next page without a count. `where` is a WHERE clause or empty, `limit` an SQL
 * expression (a parameter). `n` numbers the rows in list order; only the last item's timestamp is
 * formatted (as a cursor keeps it).
 */
export const pageSql = (where: string, limit: string) =>
  `SELECT coalesce(string_agg(t.summary_json, ',' ORDER BY t.n) FILTER (WHERE t.n <= ${limit}), '') AS items,
     to_char(max(t.published_at) FILTER (WHERE t.n = ${limit}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS last_ts,
     max(t.id) FILTER (WHERE t.n = ${limit}) AS last_id, count(*) > ${limit} AS more
   FROM (SELECT id, summary_json, published_at, row_number() OVER (ORDER BY published_at DESC, id DESC) AS n
         FROM articles ${where} ORDER BY published_at DESC, id DESC LIMIT ${limit} + 1) t`;

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
