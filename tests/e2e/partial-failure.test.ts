import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixture } from "../helpers/fixtures.js";
import { type Service, startService } from "../helpers/service.js";

const COMBINED = "/rss/cs.AI+cs.CL+cs.DC+cs.LG";

/** A category's fixture moved to Friday 2026-01-30 with new ids. */
const friday = (category: string) =>
  readFixture("arxiv", "daily", `rss-${category}.xml`)
    .replaceAll("Thu, 29 Jan 2026", "Fri, 30 Jan 2026")
    .replace(/2601\.(\d{5})/g, "2602.$1");

interface Health {
  status: string;
  categories: Record<string, { status: string; error: string | null; arxivBuiltAt: string | null }>;
}
const dates = async (service: Service, path: string) =>
  new Set(
    ((await (await service.get(path)).json()) as { items: { date_published: string }[] }).items.map((i) =>
      i.date_published.slice(0, 10),
    ),
  );

let service: Service;
beforeAll(async () => {
  service = await startService();
  await service.refresh();
});
afterAll(() => service?.stop());

describe("one category failing while the others succeed", () => {
  it("publishes fresh data for what succeeded, keeps the previous data for what failed, and says which and why", async () => {
    const dcBefore = await (await service.get("/feed/cs.DC.json")).text();
    service.arxiv.reset();
    service.arxiv.setMode(COMBINED, "500");
    service.arxiv.setMode("/rss/cs.DC", "500");
    for (const c of ["cs.AI", "cs.CL", "cs.LG"]) service.arxiv.setBody(`/rss/${c}`, friday(c));

    const { body } = await service.refresh();
    expect(body.status).toBe("partial");
    expect(body.published).toEqual(["all", "cs.AI", "cs.CL", "cs.LG"]);

    expect(await (await service.get("/feed/cs.DC.json")).text()).toBe(dcBefore);
    expect(await dates(service, "/feed/cs.LG.json")).toContain("2026-01-30");
    expect(await dates(service, "/feed.json")).toEqual(new Set(["2026-01-30", "2026-01-29"]));

    const health = (await (await service.get("/api/health")).json()) as Health;
    expect(health.status).toBe("degraded");
    expect(health.categories["cs.DC"]).toMatchObject({
      status: "error",
      error: expect.stringContaining("500"),
    });
    // The kept cs.DC feed still says which arXiv build it came from.
    expect(health.categories["cs.DC"]?.arxivBuiltAt).toBe("2026-01-29T05:00:02.000Z");
    expect(health.categories["cs.LG"]?.status).toBe("ok");
  });

  it("the next run recovers", async () => {
    service.arxiv.reset();
    service.arxiv.setBody(
      COMBINED,
      readFixture("arxiv", "daily", "rss-cs.AI+cs.CL+cs.DC+cs.LG.xml")
        .replaceAll("Thu, 29 Jan 2026", "Fri, 30 Jan 2026")
        .replace(/2601\.(\d{5})/g, "2602.$1"),
    );
    const { body } = await service.refresh();
    expect(body.status).toBe("ok");
    expect(await dates(service, "/feed/cs.DC.json")).toContain("2026-01-30");
    const health = (await (await service.get("/api/health")).json()) as Health;
    expect(health.status).toBe("ok");
    expect(health.categories["cs.DC"]?.status).toBe("ok");
  });
});
