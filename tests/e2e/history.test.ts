import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LIMIT } from "../../lib/api/params.js";
import { readFixture } from "../helpers/fixtures.js";
import { type Service, startService } from "../helpers/service.js";

const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
const day1 = readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml");

/** The fixture day moved to another date with new ids (a later announcement). */
function laterDay(date: string, rfcDate: string, idPrefix: string): string {
  return day1
    .replaceAll("Thu, 29 Jan 2026", rfcDate)
    .replace(/2601\.(\d{5})/g, `${idPrefix}.$1`)
    .replace(/<title>/g, `<title>${date} `);
}

interface FeedItem {
  id: string;
  date_published: string;
  _arxiv: { score: number; announced: string };
}
const items = async (service: Service, path: string) =>
  ((await (await service.get(path)).json()) as { items: FeedItem[] }).items;

let service: Service;
beforeAll(async () => {
  // days_back 2 so the third day pushes the first out; feed_max_papers 40 so the cap shows.
  const config = JSON.parse(readFixture("../reference/config.json")) as Record<string, unknown>;
  service = await startService({ config: { ...config, days_back: 2, feed_max_papers: 40 } });
});
afterAll(() => service?.stop());

describe("history: each refresh merges into what is stored", () => {
  it("keeps earlier days, newest announcement first, within days_back and the per-feed cap", async () => {
    await service.refresh();
    const first = await items(service, "/feed.json");
    expect(first.length).toBe(30);

    service.arxiv.setBody(COMBINED, laterDay("2026-01-30", "Fri, 30 Jan 2026", "2602"));
    await service.refresh();
    const second = await items(service, "/feed.json");
    expect(second.length).toBe(40);
    const dates = second.map((i) => i.date_published.slice(0, 10));
    expect(dates.slice(0, 30).every((d) => d === "2026-01-30")).toBe(true);
    expect(dates.slice(30).every((d) => d === "2026-01-29")).toBe(true);
    // The older day keeps its best papers.
    expect(second.slice(30).map((i) => i.id)).toEqual(first.slice(0, 10).map((i) => i.id));

    // A personal feed ranks every paper of the window, not only the ones the feed kept: the
    // earlier day contributes far more than its ten kept papers.
    const personal = await items(service, `/feed.json?keywords=learning,model&limit=${MAX_LIMIT}`);
    const earlier = personal.filter((i) => i.id.includes("2601."));
    expect(earlier.length).toBeGreaterThan(10);
    expect(personal.some((i) => i.id.includes("2602."))).toBe(true);

    // A re-run of the same day changes nothing.
    await service.refresh();
    expect((await items(service, "/feed.json")).map((i) => i.id)).toEqual(second.map((i) => i.id));

    // Monday: Thursday is now more than days_back (2) days old.
    service.arxiv.setBody(COMBINED, laterDay("2026-02-02", "Mon, 02 Feb 2026", "2603"));
    await service.refresh();
    const third = (await items(service, "/feed.json")).map((i) => i.date_published.slice(0, 10));
    expect(new Set(third)).toEqual(new Set(["2026-02-02"]));
    // The personal feed's window moved with it: Thursday's and Friday's pools are out.
    const ids = (await items(service, `/feed.json?keywords=learning,model&limit=${MAX_LIMIT}`)).map(
      (i) => i.id,
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.includes("2603."))).toBe(true);
  });
});
