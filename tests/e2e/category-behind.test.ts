import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAG_REFETCHES } from "../../lib/arxiv/fetch-announcements.js";
import { type Service, startService } from "../helpers/service.js";
import { openApiValidator } from "../http/openapi-validator.js";

const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";
const DC = "/rss/cs.DC";

interface Rss {
  rss: { channel: { description: string; item: { pubDate: string }[] } };
}
interface Health {
  categories: Record<
    string,
    { announced: string | null; behind: boolean; servesDay: string | null; othersAnnounced: string | null }
  >;
}

let service: Service;
let validate: ReturnType<typeof openApiValidator>;
beforeAll(async () => {
  service = await startService();
  validate = openApiValidator(await (await service.get("/api/openapi.json")).json());
});
afterAll(() => service?.stop());

const rss = async (path: string) => {
  const xml = await (await service.get(path)).text();
  return (new XMLParser({ isArray: (name) => name === "item" }).parse(xml) as Rss).rss.channel;
};
const health = async () => {
  const body = await (await service.get("/api/health")).json();
  validate("HealthResponse", body);
  return body as Health;
};

describe("a category that arXiv left behind, as readers and monitors see it", () => {
  it("its feed's notice and /api/health name the lag when refetching does not bring it current", async () => {
    service.arxiv.setMode(COMBINED, "404");
    service.arxiv.setMode(DC, "yesterday");
    const { status, body } = await service.refresh();
    expect(status).toBe(200);
    expect(body.published).toEqual(["all", "cs.AI", "cs.CL", "cs.DC", "cs.LG"]);
    expect(service.arxiv.requests()[DC]).toBe(1 + LAG_REFETCHES);

    const dc = await rss("/rss/cs.DC");
    expect(dc.description).toContain(
      "arXiv is behind for cs.DC: its feed still served the 2026-01-28 announcement when the other categories served 2026-01-29's",
    );
    // The lagging day is published as arXiv serves it (this store had nothing for cs.DC yet).
    expect(new Set(dc.item.map((i) => new Date(i.pubDate).toISOString().slice(0, 10)))).toEqual(
      new Set(["2026-01-28"]),
    );
    expect((await rss("/rss/cs.LG")).description).not.toContain("behind");
    expect((await rss("/rss")).description).toContain("arXiv is behind for cs.DC");

    const { categories } = await health();
    expect(categories["cs.DC"]).toMatchObject({
      behind: true,
      announced: "2026-01-28",
      servesDay: "2026-01-28",
      othersAnnounced: "2026-01-29",
    });
    expect(categories["cs.LG"]).toMatchObject({ behind: false, servesDay: null, othersAnnounced: null });
  });

  it("a run whose refetch brings it current publishes normally and clears the notice", async () => {
    service.arxiv.reset();
    service.arxiv.setMode(COMBINED, "404");
    service.arxiv.failNext(DC, "yesterday", 1);
    expect((await service.refresh()).status).toBe(200);
    expect(service.arxiv.requests()[DC]).toBe(2);

    const dc = await rss("/rss/cs.DC");
    expect(dc.description).not.toContain("behind");
    expect(dc.item.some((i) => new Date(i.pubDate).toISOString().startsWith("2026-01-29"))).toBe(true);
    expect((await health()).categories["cs.DC"]).toMatchObject({ behind: false, announced: "2026-01-29" });
  });
});
