import type { Cursor } from "./cursor";
import type { PoolUsage } from "./database";

/** An article as the API returns it (timestamps ISO 8601 UTC). */
export interface Article {
  readonly id: number;
  readonly url: string;
  readonly title: string;
  readonly description: string | null;
  readonly content: string | null;
  readonly author: string | null;
  readonly source: string;
  readonly category: string;
  readonly image_url: string | null;
  readonly published_at: string;
  readonly created_at: string;
}

/** List items leave out the (large) content. */
export type ArticleSummary = Omit<Article, "content">;

export interface NewArticle {
  readonly url: string;
  readonly title: string;
  readonly description?: string | null;
  readonly content?: string | null;
  readonly author?: string | null;
  readonly source: string;
  readonly category: string;
  readonly image_url?: string | null;
  readonly published_at: string;
}

export interface ListQuery {
  readonly category?: string;
  readonly source?: string;
  /** Web-search syntax over title and description ("quoted phrase", -exclude, or). */
  readonly q?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly after?: Cursor;
}

export interface Page {
  readonly items: ArticleSummary[];
  readonly next_cursor: string | null;
}

export interface Facet {
  readonly name: string;
  readonly count: number;
}

export interface UpsertCounts {
  readonly inserted: number;
  readonly updated: number;
}

/** What the routes need from storage; implemented once in SQL for PostgreSQL and PGlite. */
export interface ArticleStore {
  list(query: ListQuery): Promise<Page>;
  get(id: number): Promise<Article | undefined>;
  /** Throws a conflict problem (409) when the URL exists. */
  create(article: NewArticle): Promise<Article>;
  delete(id: number): Promise<boolean>;
  /** Inserts new URLs, updates known ones; one statement, so a batch is all or nothing. */
  upsertMany(articles: readonly NewArticle[]): Promise<UpsertCounts>;
  sources(): Promise<Facet[]>;
  categories(): Promise<Facet[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** The connection pool's figures, where there is a pool. */
  poolUsage?(): PoolUsage | undefined;
}
