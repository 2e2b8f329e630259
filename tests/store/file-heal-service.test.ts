/**
 * Issue 10, item 6, end to end: the service on the embedded file store whose manifest.json is
 * truncated answers an honest 503 naming the damage (not "unreachable"), and the next refresh
 * rebuilds the store so the feeds come back.
 */
import { readFile, truncate } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(() => service?.stop());

describe("the service on a file store with a truncated manifest.json", () => {
  it("answers 503 naming the damage, and the next refresh heals it", async () => {
    expect((await service.refresh()).status).toBe(200);
    expect((await service.get("/rss/cs.LG")).status).toBe(200);
    const manifest = join(service.dataDir, "store", "manifest.json");
    await truncate(manifest, Math.floor((await readFile(manifest)).length / 2));

    const broken = await service.get("/rss/cs.LG");
    expect(broken.status).toBe(503);
    const text = await broken.text();
    expect(text).toContain("manifest.json is damaged");
    expect(text).not.toContain("unreachable");

    const healed = await service.refresh();
    expect(healed.status).toBe(200);
    expect(healed.body).toMatchObject({ status: "ok" });
    const rss = await service.get("/rss/cs.LG");
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain("<item>");
  }, 60_000);
});
