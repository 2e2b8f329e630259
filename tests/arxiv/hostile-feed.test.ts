import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_LIMITS } from "../../lib/arxiv/field-limits.js";
import { MAX_FEED_SIZE } from "../../lib/arxiv/parse.js";
import { readFixture } from "../helpers/fixtures.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";
import { upstashOverRedis, upstashServiceEnv } from "../helpers/upstash-rest-server.js";

const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
/** Upstash's limit on one request (free plan). */
const UPSTASH_MAX_REQUEST = 10 * 1024 * 1024;

/**
 * Like the feed (30 items with 700 KB abstracts, 21 MB): 30 items with 600 KB abstracts,
 * 20 KB titles and journal references and 5,000 authors, in words the ranking scores; 22 MB, just
 * under the 25 MB a fetch accepts.
 */
function hostileFeed(): string {
  const xml = readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");
  const items = (xml.match(/<item>[\s\S]*?<\/item>/g) ?? []).slice(0, 30);
  const words = (n: number) => "Efficient distributed LLM inference. ".repeat(Math.ceil(n / 37)).slice(0, n);
  const authors = Array.from({ length: 5000 }, (_, i) => `Author Number${i}`).join(", ");
  const bloated = items.map((item) =>
    item
      .replace(/<title>/, `<title>${words(20_000)} `)
      .replace(/Abstract: /, `Abstract: ${words(600_000)} `)
      .replace(/<dc:creator>[\s\S]*?<\/dc:creator>/, `<dc:creator>${authors}</dc:creator>`)
      .replace("</item>", `<arxiv:journal_reference>${words(20_000)}</arxiv:journal_reference></item>`),
  );
  const head = xml.slice(0, xml.indexOf("<item>"));
  return `${head}${bloated.join("\n")}</channel></rss>`;
}

const backend = upstashOverRedis();
let service: Service;

beforeAll(async () => {
  backend.rest.setMaxRequestBytes(UPSTASH_MAX_REQUEST);
  service = await startService({ env: upstashServiceEnv(backend.rest) });
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

describe("whatever arXiv sends, a paper stays a few KB", () => {
  it("a 22 MB feed of bloated items publishes within Upstash's request limit and a loadable /rss", async () => {
    const feed = hostileFeed();
    expect(feed.length).toBeGreaterThan(20 * 1024 * 1024);
    expect(feed.length).toBeLessThan(MAX_FEED_SIZE);
    service.arxiv.setBody(COMBINED, feed);
    backend.rest.resetStats();
    const cron = await service.get("/api/cron/refresh", {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(cron.status).toBe(200);
    expect(backend.rest.stats().largestRequest).toBeLessThan(UPSTASH_MAX_REQUEST);

    const rss = await service.get("/rss");
    expect(rss.status).toBe(200);
    const body = await rss.text();
    // 30 papers of a few KB each (the old code served 36 MB).
    expect(body.length).toBeLessThan(2 * 1024 * 1024);

    const papers = (await (await service.get("/api/papers?limit=100")).json()) as {
      papers: { title: string; abstract: string; authors: string[] }[];
    };
    expect(papers.papers.length).toBeGreaterThan(0);
    for (const paper of papers.papers) {
      expect(paper.abstract.length).toBeLessThanOrEqual(FIELD_LIMITS.abstract);
      expect(paper.abstract.endsWith("…")).toBe(true);
      expect(paper.title.length).toBeLessThanOrEqual(FIELD_LIMITS.title);
      expect(paper.authors).toHaveLength(FIELD_LIMITS.authors + 1);
      expect(paper.authors.at(-1)).toBe("… 4,900 more");
    }
  }, 120_000);
});
