import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";

/** `display_limit`, the reference's cap on the README's paper list, caps the digest the same way. */
let service: Service;
beforeAll(async () => {
  const config = JSON.parse(readFileSync("config.json", "utf8")) as Record<string, unknown>;
  service = await startService({ config: { ...config, display_limit: 5 } });
  expect((await service.refresh()).status).toBe(200);
});
afterAll(() => service?.stop());

describe("display_limit", () => {
  it("lists at most that many papers in /digest.md, while the statistics count them all", async () => {
    const markdown = await (await service.get("/digest.md")).text();
    const listed = markdown.split("\n").filter((line) => /^### \d+\. \[/.test(line));
    expect(listed).toHaveLength(5);
    const total = Number(/- \*\*Total Papers Found\*\*: (\d+)/.exec(markdown)?.[1]);
    expect(total).toBeGreaterThan(5);
    // The feeds themselves are not cut by it.
    const feed = (await (await service.get("/feed.json")).json()) as { items: unknown[] };
    expect(feed.items.length).toBe(total);
  });
});
