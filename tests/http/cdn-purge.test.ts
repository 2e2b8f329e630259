import { afterEach, describe, expect, it } from "vitest";
import { cacheTagValue, tagsAfterRefresh } from "../../lib/http/cache-tags.js";
import { invalidateAfterRefresh, vercelPurger } from "../../lib/http/cdn-purge.js";

const CONTEXT = Symbol.for("@vercel/request-context");
const holder = globalThis as unknown as Record<symbol, unknown>;
afterEach(() => {
  delete holder[CONTEXT];
});

describe("cache tags", () => {
  it("always start with the service-wide tag, without duplicates", () => {
    expect(cacheTagValue(["axf:feed:cs.LG", "axf"])).toBe("axf,axf:feed:cs.LG");
  });

  it("a refresh makes its published feeds, the multi-feed responses and health stale", () => {
    expect(tagsAfterRefresh(["all", "cs.LG"])).toEqual([
      "axf:meta",
      "axf:feeds",
      "axf:feed:all",
      "axf:feed:cs.LG",
    ]);
    // A run that published nothing still rewrote meta:refresh.
    expect(tagsAfterRefresh([])).toEqual(["axf:meta"]);
  });
});

describe("invalidateAfterRefresh", () => {
  it("invalidates the refresh's tags through the purger", async () => {
    const calls: string[][] = [];
    const outcome = await invalidateAfterRefresh(["cs.LG"], {
      invalidateByTag: async (tags) => void calls.push(tags),
    });
    expect(outcome).toEqual({ status: "invalidated", tags: ["axf:meta", "axf:feeds", "axf:feed:cs.LG"] });
    expect(calls).toEqual([["axf:meta", "axf:feeds", "axf:feed:cs.LG"]]);
  });

  it("reports a failed purge as a value, never throwing", async () => {
    const outcome = await invalidateAfterRefresh(["all"], {
      invalidateByTag: async () => {
        throw new Error("403 Forbidden");
      },
    });
    expect(outcome).toMatchObject({ status: "failed", error: "403 Forbidden" });
  });

  it("skips outside a Vercel Function", async () => {
    expect(vercelPurger(false)).toBeUndefined();
    expect(await invalidateAfterRefresh(["all"], vercelPurger(false))).toMatchObject({ status: "skipped" });
  });

  it("on Vercel, purges through @vercel/functions (runtime purge API simulated in the request context)", async () => {
    const calls: unknown[] = [];
    const purge = {
      invalidateByTag(this: unknown, tags: string[]) {
        calls.push([this === purge, tags]);
        return Promise.resolve();
      },
    };
    holder[CONTEXT] = { get: () => ({ purge }) };
    expect(await invalidateAfterRefresh(["cs.AI"], vercelPurger(true))).toMatchObject({
      status: "invalidated",
    });
    expect(calls).toEqual([[true, ["axf:meta", "axf:feeds", "axf:feed:cs.AI"]]]);
  });
});
