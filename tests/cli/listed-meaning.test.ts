import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRefreshTable } from "../../lib/cli/refresh-table.js";
import type { RefreshMeta } from "../../lib/model/refresh-meta.js";
import { type Service, startService } from "../helpers/service.js";

/** The refresh's progress lines and its final table say the same thing by "listed" and "kept". */
let service: Service;
let log: string[];
let table: string[][];
beforeAll(async () => {
  service = await startService();
  const { status, body } = await service.refresh();
  expect(status).toBe(200);
  log = body.log as string[];
  table = formatRefreshTable(body.meta as RefreshMeta)
    .split("\n")
    .map((line) => line.split(/\s{2,}/));
});
afterAll(() => service?.stop());

describe("'listed' has one meaning", () => {
  it("each category's progress line gives the table's listed and kept counts", () => {
    const [header, ...rows] = table;
    expect(header).toEqual(["feed", "arXiv", "listed", "kept", "announced"]);
    const categories = rows.filter((row) => row[0] !== "all" && row[1] === "ok");
    expect(categories.length).toBe(4);
    for (const [name, , listed, kept] of categories) {
      const line = log.find((l) => l.startsWith(`${name}: `));
      expect(line).toMatch(new RegExp(`^${name?.replace(".", "\\.")}: ${listed} listed, ${kept} kept`));
    }
    // Listed counts what arXiv listed (cross-lists and replacements too): more than a feed takes.
    expect(categories.some(([, , listed, kept]) => Number(listed) > Number(kept))).toBe(true);
  });
});
