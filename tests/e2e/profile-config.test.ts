import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { marked } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthResponse } from "../../lib/api/schemas.js";
import { type Config, ConfigSchema } from "../../lib/config/schema.js";
import type { FeedSnapshot } from "../../lib/model/snapshot.js";
import type { NamedPaper } from "../../lib/profile/named-paper.js";
import { namedPaperKey } from "../../lib/profile/profile-keys.js";
import { admits } from "../../lib/rank/feed-membership.js";
import { membershipRulesFrom, rankRulesFrom } from "../../lib/rank/rules-from-config.js";
import { rankWithProfile } from "../../lib/rank/similarity/rank-with-profile.js";
import type { Store } from "../../lib/store/types.js";
import { type Service, startService } from "../helpers/service.js";
import { assertStrictXml, feedparse } from "../helpers/validate.js";
import { storedPool, storeOf } from "../http/support.js";

/*
 * A deployment whose config.json names papers: the refresh ranks the published feeds by them,
 * every item and the digest say which liked paper each is close to, health reports what was not
 * resolved, and the feeds' notice names it.
 */
const OUTSIDE = "2601.09555";
const IN_WINDOW = "2601.20088";
const UNKNOWN = "2601.99999";
const repository = JSON.parse(readFileSync("config.json", "utf8")) as Record<string, unknown>;
const written = { ...repository, profile: { like: [OUTSIDE, IN_WINDOW, UNKNOWN] } };
const config: Config = ConfigSchema.parse(written);

let service: Service;
let store: Store;

beforeAll(async () => {
  service = await startService({ config: written });
  expect((await service.refresh()).status).toBe(200);
  store = storeOf(service);
});
afterAll(async () => {
  await store?.close();
  await service?.stop();
});

interface JsonItem {
  _arxiv: { id: string; close_to?: { id: string; title: string; similarity: number } };
}
const jsonItems = async (path: string) => {
  const response = await service.get(path);
  expect(response.status, path).toBe(200);
  return ((await response.json()) as { items: JsonItem[] }).items;
};

describe("config.json's profile ranks the published feeds", () => {
  it("the refresh asked arXiv once, for the papers not at hand, and health reports the one it has not", async () => {
    expect(service.arxiv.api.log().map((request) => [...request.ids].sort())).toEqual([[OUTSIDE, UNKNOWN]]);
    const health = (await (await service.get("/api/health")).json()) as HealthResponse;
    expect(health.lastRefresh?.profile).toEqual({
      like: 2,
      dislike: 0,
      missing: [{ id: UNKNOWN, reason: "unknown", message: `${UNKNOWN}: arXiv has no paper with this id` }],
    });
  });

  it("a feed equals rankWithProfile of its day under the configured rules, each item close to a liked paper", async () => {
    const likes = [
      (await store.get<NamedPaper>(namedPaperKey(OUTSIDE))) as NamedPaper,
      ...(await storedPool(store, "all", config.days_back)).filter((paper) => paper.id === IN_WINDOW),
    ];
    expect(likes.map((paper) => paper?.id)).toEqual([OUTSIDE, IN_WINDOW]);
    const membership = membershipRulesFrom(config);
    const day = (await storedPool(store, "cs.LG", config.days_back)).filter((paper) =>
      admits("cs.LG", paper, membership),
    );
    const want = rankWithProfile(day, rankRulesFrom(config), { likes, dislikes: [] });
    const items = await jsonItems("/feed/cs.LG.json");
    expect(items.map((item) => item._arxiv.id)).toEqual(want.map((paper) => paper.id));
    // config.json's papers are named, not voted: `voted` is false.
    expect(items.map((item) => item._arxiv.close_to)).toEqual(
      want.map((paper) => paper.closeTo && { ...paper.closeTo, voted: false }),
    );
    expect(new Set(items.map((item) => item._arxiv.close_to?.id))).toEqual(new Set([OUTSIDE, IN_WINDOW]));
  });

  it("RSS items say it (feedparser, strict XML) and the channel names the unresolved id", async () => {
    const rss = await (await service.get("/rss/cs.LG")).text();
    assertStrictXml(rss);
    const channel = new XMLParser().parse(rss).rss.channel as { description: string };
    expect(channel.description).toContain(`${UNKNOWN}: arXiv has no paper with this id`);
    const parsed = await feedparse(rss);
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries.length).toBe(config.max_papers);
    for (const entry of parsed.entries) expect(entry.content).toMatch(/close to: .+ \(similarity \d\.\d\d\)/);
    const page = (await (await service.get("/api/papers?category=cs.LG&limit=3")).json()) as {
      missing?: { id: string }[];
    };
    expect(page.missing?.map((m) => m.id)).toEqual([UNKNOWN]);
  });

  it("the digest has a **Close to**: line per paper, linking the liked paper, as Markdown renders it", async () => {
    const digest = await (await service.get("/digest.md?category=cs.LG")).text();
    const snapshot = (await store.get<FeedSnapshot>("feed:cs.LG")) as FeedSnapshot;
    const lines = digest.split("\n").filter((line) => line.startsWith("**Close to**: "));
    expect(lines).toHaveLength(snapshot.papers.length);
    snapshot.papers.forEach((paper, index) => {
      expect(lines[index]).toMatch(
        new RegExp(
          `^\\*\\*Close to\\*\\*: \\[.+\\]\\(https://arxiv\\.org/abs/${paper.closeTo?.id}\\) \\(similarity \\d\\.\\d\\d\\) {2}$`,
        ),
      );
    });
    const html = await marked.parse(digest);
    const links = [
      ...html.matchAll(/<strong>Close to<\/strong>: <a href="https:\/\/arxiv\.org\/abs\/([^"]+)">/g),
    ];
    expect(links.map((link) => link[1])).toEqual(snapshot.papers.map((paper) => paper.closeTo?.id));
  });

  it("a personal feed with its own keywords ignores the profile; one with only exclusions keeps it", async () => {
    const own = await jsonItems("/feed/cs.LG.json?keywords=inference");
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((item) => item._arxiv.close_to)).toBe(false);
    service.arxiv.api.reset();
    const excluded = await jsonItems("/feed/cs.LG.json?exclude=agent");
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded.every((item) => item._arxiv.close_to)).toBe(true);
    // The configured papers come from the window and the store; the unknown one is not asked again.
    expect(service.arxiv.api.log()).toEqual([]);
  });
});
