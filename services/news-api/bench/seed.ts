import type { NewArticle } from "../src/store/article-store";
import type { SqlArticleStore } from "../src/store/sql-article-store";

const CATEGORIES = ["business", "technology", "science", "health", "sports", "entertainment", "politics", "world"];
const SOURCES = Array.from({ length: 20 }, (_, i) => `Source ${String.fromCharCode(65 + i)}`);
const SUBJECTS = [
  "markets",
  "elections",
  "climate",
  "vaccines",
  "football",
  "chips",
  "rockets",
  "housing",
  "energy",
  "trade",
  "films",
  "courts",
];
const VERBS = ["rally", "slump", "surprise", "stall", "rebound", "shift", "expand", "tighten"];

/** `count` distinct articles spread over 60 days, categories and sources, with searchable words. */
export function benchArticles(count: number): NewArticle[] {
  const newest = Date.UTC(2026, 10, 20);
  return Array.from({ length: count }, (_, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length];
    const verb = VERBS[(i * 7) % VERBS.length];
    return {
      url: `https://bench.example.com/${CATEGORIES[i % CATEGORIES.length]}/${i}`,
      title: `${subject[0].toUpperCase()}${subject.slice(1)} ${verb} as week ${i % 52} ends`,
      description: `Analysts discuss why ${subject} ${verb} and what comes next for readers of story ${i}.`,
      content: `Full text of story ${i}. `.repeat(40),
      author: `Author ${i % 97}`,
      source: SOURCES[i % SOURCES.length],
      category: CATEGORIES[i % CATEGORIES.length],
      image_url: `https://bench.example.com/img/${i}.jpg`,
      published_at: new Date(newest - Math.floor((i * 60 * 86_400_000) / count)).toISOString(),
    };
  });
}

export async function seed(store: SqlArticleStore, count: number): Promise<void> {
  const articles = benchArticles(count);
  for (let i = 0; i < articles.length; i += 1000) await store.upsertMany(articles.slice(i, i + 1000));
}
