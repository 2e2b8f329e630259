import { describe, expect, it } from "vitest";
import { getEach } from "../../lib/store/get-each.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { type Store, StoreDataError } from "../../lib/store/types.js";

/** A memory store whose `bad` keys hold text that is not JSON, counting its commands. */
function damagedStore(bad: readonly string[]) {
  const inner = createMemoryStore();
  let commands = 0;
  const store: Store = {
    ...inner,
    get: async (key) => {
      commands++;
      if (bad.includes(key)) throw new StoreDataError(key, "is not JSON");
      return inner.get(key);
    },
    getMany: async (keys) => {
      commands++;
      const first = keys.find((key) => bad.includes(key));
      if (first) throw new StoreDataError(first, "is not JSON");
      return inner.getMany(keys);
    },
  };
  return { store, inner, commands: () => commands };
}

describe("getEach", () => {
  it("is one command when every value is readable", async () => {
    const { store, inner, commands } = damagedStore([]);
    await inner.set("a", 1);
    expect(await getEach(store, ["a", "b"])).toEqual([1, null]);
    expect(commands()).toBe(1);
  });

  it("puts each unreadable value's error in its place, one more command per bad key", async () => {
    const { store, inner, commands } = damagedStore(["b", "d"]);
    await inner.set("a", 1);
    await inner.set("c", 3);
    const values = await getEach(store, ["a", "b", "c", "d", "e"]);
    expect(values[0]).toBe(1);
    expect(values[1]).toBeInstanceOf(StoreDataError);
    expect(values[2]).toBe(3);
    expect((values[3] as StoreDataError).key).toBe("d");
    expect(values[4]).toBeNull();
    expect(commands()).toBe(3);
  });

  it("passes other errors on", async () => {
    const store: Store = { ...createMemoryStore(), getMany: () => Promise.reject(new Error("down")) };
    await expect(getEach(store, ["a"])).rejects.toThrow("down");
  });
});
