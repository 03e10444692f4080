import type { NewArticle } from "./article-store";

/**
 * Sample articles for the embedded default, so a fresh `npm start` has something to list and
 * search. Deterministic: the same 36 articles every time, one every 4 hours before `until`.
 */
const SOURCES = ["The Daily Ledger", "Harbor Times", "Northwind News", "Metro Wire", "Coastal Observer", "Summit Post"];
const STORIES: [string, string, string][] = [
  [
    "technology",
    "Chipmakers race to cut power use in data centres",
    "New designs promise more computation per watt as demand for AI workloads climbs.",
  ],
  [
    "technology",
    "Open-source database hits its 20th major release",
    "Maintainers highlight faster full-text search and better replication.",
  ],
  [
    "technology",
    "City pilots battery storage to steady its grid",
    "The project stores solar power at noon and releases it during the evening peak.",
  ],
  [
    "business",
    "Regional airline adds routes as travel demand recovers",
    "Four new connections start next month, aimed at business travellers.",
  ],
  ["business", "Coffee prices climb after a poor harvest", "Roasters warn that shelf prices may follow within weeks."],
  ["business", "Small retailers adopt shared delivery networks", "Pooling couriers cuts costs for shops competing with online giants."],
  [
    "science",
    "Telescope captures the sharpest image yet of a distant nebula",
    "Astronomers say the data will refine models of star formation.",
  ],
  [
    "science",
    "Researchers map the deep ocean floor with autonomous drones",
    "The survey covered an area the size of a small country in a month.",
  ],
  ["science", "Ancient seeds sprout after centuries in permafrost", "Biologists are studying how the plants survived so long."],
  ["health", "Study links regular walking to better sleep", "Participants who walked daily fell asleep faster and woke less often."],
  [
    "health",
    "Hospitals trial shorter waiting times with new triage software",
    "Early results show patients seen an average of twenty minutes sooner.",
  ],
  ["health", "Nutritionists revisit advice on breakfast", "A large review finds timing matters less than what is eaten."],
  ["sports", "Underdogs clinch the title on the final day", "A late goal sealed the first championship in the club's history."],
  ["sports", "Marathon sets a record for participants", "More than forty thousand runners crossed the finish line."],
  ["sports", "Young sprinter breaks a long-standing national record", "Coaches call the run the start of a remarkable career."],
  ["world", "Coastal towns invest in flood defences", "New barriers and restored wetlands aim to protect homes from storm surges."],
  ["world", "Rail link between two capitals opens after a decade of work", "The journey time falls from seven hours to under three."],
  ["world", "Festival draws record crowds to the old town", "Organisers credit a programme of free concerts and street food."],
];

export function sampleArticles(until: Date = new Date("2026-11-01T12:00:00Z")): NewArticle[] {
  return [...STORIES, ...STORIES].map(([category, title, description], i) => {
    const source = SOURCES[i % SOURCES.length];
    const edition = i < STORIES.length ? "" : " (follow-up)";
    return {
      url: `https://news.example.com/${category}/${i + 1}`,
      title: `${title}${edition}`,
      description,
      content: `${description} This is sample content for the embedded default of the news API.`,
      author: `${source} staff`,
      source,
      category,
      image_url: null,
      published_at: new Date(until.getTime() - i * 4 * 3600_000).toISOString(),
    };
  });
}
