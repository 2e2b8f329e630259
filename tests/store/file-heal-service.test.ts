/**
 * End to end: the service on the embedded store whose database file is damaged answers an honest
 * 503 naming it (not "unreachable"), and the next refresh rebuilds the store so the feeds come back.
 */
import { stat, truncate } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetStore } from "../../lib/store/instance.js";
import { DATABASE_FILE } from "../../lib/store/sqlite-file.js";
import { type Service, startService } from "../helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(() => service?.stop());

describe("the service on an embedded store with a truncated database file", () => {
  it("answers 503 naming the damage, and the next refresh heals it", async () => {
    expect((await service.refresh()).status).toBe(200);
    expect((await service.get("/rss/cs.LG")).status).toBe(200);
    // As if the server had been restarted onto the damaged file: nothing of it is cached.
    await resetStore();
    const database = join(service.dataDir, "store", DATABASE_FILE);
    await truncate(database, Math.floor((await stat(database)).size / 2));

    const broken = await service.get("/rss/cs.LG");
    expect(broken.status).toBe(503);
    const text = await broken.text();
    expect(text).toContain("store.sqlite is damaged");
    expect(text).not.toContain("unreachable");

    const healed = await service.refresh();
    expect(healed.status).toBe(200);
    expect(healed.body).toMatchObject({ status: "ok" });
    const rss = await service.get("/rss/cs.LG");
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain("<item>");
  }, 60_000);
});
