import { describe, expect, it } from "vitest";
import { loadOnce } from "../../lib/http/load-once.js";

describe("loadOnce", () => {
  it("loads once however often it is asked, concurrently or not", async () => {
    let loads = 0;
    const get = loadOnce(async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(loads).toBe(1);
  });

  it("tries again after a failed load", async () => {
    let loads = 0;
    const get = loadOnce(async () => {
      if (++loads === 1) throw new Error("first load fails");
      return loads;
    });
    await expect(get()).rejects.toThrow("first load fails");
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
  });
});
