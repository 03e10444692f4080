import type { UpstreamConfig } from "../config";
import { ProblemError } from "../problem";
import type { NewArticle } from "../store/article-store";

/** One article as NewsAPI (and compatible services) return it. */
interface UpstreamArticle {
  source?: { id?: string | null; name?: string | null } | null;
  author?: string | null;
  title?: string | null;
  description?: string | null;
  url?: string | null;
  urlToImage?: string | null;
  publishedAt?: string | null;
  content?: string | null;
}

export interface FetchRequest {
  readonly category?: string;
  readonly q?: string;
  readonly pageSize: number;
}

export interface Normalized {
  readonly articles: NewArticle[];
  readonly received: number;
  readonly skipped: number;
}

const clip = (value: string | null | undefined, max: number): string | null => {
  const text = value?.trim();
  return text ? text.slice(0, max) : null;
};

function httpUrl(value: string | null | undefined, max: number): string | null {
  if (!value || value.length > max) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Turns upstream articles into storable ones: trims and bounds every field, drops items without a
 * usable URL, title or date (and NewsAPI's "[Removed]" placeholders), and keeps the first of repeated URLs.
 */
export function normalize(items: readonly UpstreamArticle[], category: string): Normalized {
  const byUrl = new Map<string, NewArticle>();
  for (const item of items) {
    const url = httpUrl(item.url, 2048);
    const title = clip(item.title, 500);
    const published = item.publishedAt ? new Date(item.publishedAt) : undefined;
    if (!url || !title || title === "[Removed]" || !published || Number.isNaN(published.getTime()) || byUrl.has(url)) continue;
    byUrl.set(url, {
      url,
      title,
      description: clip(item.description, 5000),
      content: clip(item.content, 100_000),
      author: clip(item.author, 200),
      source: clip(item.source?.name, 100) ?? new URL(url).hostname,
      category,
      image_url: httpUrl(item.urlToImage, 2048),
      published_at: published.toISOString(),
    });
  }
  return { articles: [...byUrl.values()], received: items.length, skipped: items.length - byUrl.size };
}

/** Fetches one page from the upstream; timeouts and upstream failures become upstream problems (502/504). */
export async function fetchUpstream(config: UpstreamConfig, request: FetchRequest): Promise<UpstreamArticle[]> {
  const url = new URL(config.url);
  if (request.category) url.searchParams.set("category", request.category);
  if (request.q) url.searchParams.set("q", request.q);
  url.searchParams.set("pageSize", String(request.pageSize));
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json", ...(config.apiKey ? { "x-api-key": config.apiKey } : {}) },
      signal: AbortSignal.timeout(config.timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    if ((error as Error).name === "TimeoutError") throw ProblemError.upstream(`upstream did not answer within ${config.timeoutMs} ms`, 504);
    throw ProblemError.upstream(`upstream unreachable: ${(error as Error).message}`, 502);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if ((error as Error).name === "TimeoutError") throw ProblemError.upstream(`upstream did not answer within ${config.timeoutMs} ms`, 504);
    throw ProblemError.upstream(`upstream answered ${response.status} with a body that is not JSON`, 502);
  }
  const payload = body as { status?: string; message?: string; articles?: unknown };
  if (!response.ok || payload.status === "error") {
    throw ProblemError.upstream(
      `upstream answered ${response.status}${payload.message ? `: ${String(payload.message).slice(0, 200)}` : ""}`,
      502,
    );
  }
  if (!Array.isArray(payload.articles)) throw ProblemError.upstream("upstream answer has no articles array", 502);
  return payload.articles as UpstreamArticle[];
}
