import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";

/** A NewsAPI-compatible upstream on a loopback port, answering as each test tells it to. */
export class FakeUpstream {
  readonly requests: URL[] = [];
  handler: (request: IncomingMessage, response: ServerResponse) => void = (_req, res) => res.end("{}");

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeUpstream> {
    const server = createServer();
    const upstream = new FakeUpstream(server);
    server.on("request", (request, response) => {
      upstream.requests.push(new URL(request.url!, "http://upstream"));
      upstream.handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return upstream;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/v2/top-headlines`;
  }

  /** Answers with these articles as NewsAPI does, after `delayMs`. */
  respondWith(articles: unknown[], delayMs = 0): void {
    this.handler = (_req, res) => {
      setTimeout(
        () =>
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ status: "ok", totalResults: articles.length, articles })),
        delayMs,
      ).unref();
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An upstream article in NewsAPI's shape. */
export function upstreamArticle(n: number, overrides: Record<string, unknown> = {}) {
  return {
    source: { id: null, name: "Wire Service" },
    author: `Reporter ${n}`,
    title: `Upstream headline ${n}`,
    description: `Upstream description ${n}`,
    url: `https://wire.example.net/articles/${n}`,
    urlToImage: `https://wire.example.net/images/${n}.jpg`,
    publishedAt: new Date(Date.UTC(2026, 10, 20) + n * 1000).toISOString(),
    content: `Body ${n}`,
    ...overrides,
  };
}
