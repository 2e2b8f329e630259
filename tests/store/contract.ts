/**
 * The behaviour every store driver must show, as one suite each driver's test file calls:
 *
 *   testStoreContract("redis", async ({ keyPrefix }) => {
 *     const store = createRedisStore({ url, keyPrefix });
 *     return { store, cleanup: () => store.close() };
 *   });
 *
 * `makeStore` is called for every test with a fresh random prefix; stores made with different
 * prefixes must share one backend (same server, same folder) so that isolation is tested.
 * Expiry is tested with real time (TTLs of 0.3 s), so drivers must honour fractional seconds.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readLockHolder } from "../../lib/store/lock-holder.js";
import { packJson, unpackJson } from "../../lib/store/packed-json.js";
import type { Store } from "../../lib/store/types.js";

export interface StoreHandle {
  store: Store;
  /** Closes the store (the backend stays up for the next test). */
  cleanup(): Promise<void>;
}

/** Makes a store on the driver's shared backend, adding `keyPrefix` to every key. */
export type MakeStore = (options: { keyPrefix: string }) => Promise<StoreHandle>;

/** A random key prefix, so runs and tests never see each other's keys. */
export const randomPrefix = (): string => `test:${randomUUID().slice(0, 8)}:`;

/** A JSON value of about `bytes` bytes, shaped like a feed snapshot. */
export function bigValue(bytes: number, version = 1) {
  const paper = (i: number) => ({
    id: `2601.${String(i).padStart(5, "0")}`,
    title: `Paper ${i}: attention, diffusion and “quotes” — ünïcödé 論文 🎓`,
    abstract: "x".repeat(800),
    score: i / 7,
  });
  const count = Math.ceil(bytes / JSON.stringify(paper(0)).length);
  return {
    version,
    generatedAt: "2026-01-01T00:00:00Z",
    papers: Array.from({ length: count }, (_, i) => paper(i)),
  };
}

/**
 * Strings a transport can mangle while every simple test passes: each C0 control (NUL
 * included), DEL and C1 controls, U+2028/U+2029 (line breaks to JavaScript, not to JSON), a BOM,
 * noncharacters, lone and reversed surrogates, text that looks like escapes, markup, base64 of
 * "OK", and the largest code point. JSON.stringify escapes the controls and lone surrogates;
 * the rest travel as raw UTF-8.
 */
export const AWKWARD_STRINGS: readonly string[] = [
  Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join(""),
  "DEL \u007f C1 \u0080\u0085\u009f",
  "line\u2028separator\u2029paragraph",
  "\ufeffBOM first; U+FFFD \ufffd; noncharacters \ufffe\uffff \u{10fffe}",
  "lone high \ud800",
  "\udfff lone low first",
  "reversed pair \udc00\ud800 and a high at the end \udbff",
  "astral 𝒜 🎓 \u{10ffff}",
  String.raw`escapes as text: \u0000 \" \\ \n \ud800`,
  `</script><!-- & ' " > < %00 %ff`,
  "T0s=",
  "OK",
];

const TTL = 0.3;
const PAST_TTL_MS = 700;

export function testStoreContract(name: string, makeStore: MakeStore): void {
  describe(`store contract: ${name}`, () => {
    let handles: StoreHandle[] = [];
    let prefix: string;
    let store: Store;
    const open = async (keyPrefix = randomPrefix()) => {
      const handle = await makeStore({ keyPrefix });
      handles.push(handle);
      return handle.store;
    };

    beforeEach(async () => {
      prefix = randomPrefix();
      store = await open(prefix);
    });
    afterEach(async () => {
      await Promise.all(handles.map((handle) => handle.cleanup()));
      handles = [];
    });

    it("reads an absent key as null", async () => {
      expect(await store.get("nothing:here")).toBeNull();
    });

    it("round-trips nested JSON", async () => {
      const value = { a: { b: [1, { c: null, d: [true, false] }], e: "f" }, n: -1.5e-7 };
      await store.set("nested", value);
      expect(await store.get("nested")).toEqual(value);
    });

    it("round-trips every JSON type, including strings that look like other things", async () => {
      const values = [
        "",
        "OK",
        "null",
        "42",
        '{"a":1}',
        'quote " back \\ nl \n tab \t',
        0,
        -3.25,
        1e21,
        true,
        false,
        [],
        {},
      ];
      for (const [i, value] of values.entries()) await store.set(`type:${i}`, value);
      expect(await store.getMany(values.map((_, i) => `type:${i}`))).toEqual(values);
    });

    it("round-trips unicode: emoji, CJK, RTL, combining marks, NUL and a lone surrogate", async () => {
      const value = { text: "🎉👩‍🔬 論文 مرحبا é e\u0301 \u0000 \u2028 \ud800 end" };
      await store.set("unicode:ключ:🔑", value);
      expect(await store.get("unicode:ключ:🔑")).toEqual(value);
    });

    it("round-trips awkward strings exactly, alone, in a 300 KB value and packed (gzip+base64)", async () => {
      // Long enough that the response arrives in many chunks, splitting multi-byte characters.
      const long = AWKWARD_STRINGS.join("|").repeat(Math.ceil(300_000 / AWKWARD_STRINGS.join("|").length));
      for (const [i, text] of AWKWARD_STRINGS.entries()) await store.set(`awkward:${i}`, text);
      const keys = AWKWARD_STRINGS.map((_, i) => `awkward:${i}`);
      const read = await store.getMany<string>(keys);
      for (const [i, text] of AWKWARD_STRINGS.entries()) expect(read[i], `string ${i}`).toBe(text);
      expect(await store.get("awkward:4")).toBe(AWKWARD_STRINGS[4]);
      await store.publish({
        "awkward:object": { strings: AWKWARD_STRINGS, [AWKWARD_STRINGS[2] as string]: "as a key" },
        "awkward:long": long,
        "awkward:packed": packJson(AWKWARD_STRINGS, AWKWARD_STRINGS[6]),
      });
      const [object, longRead, packed] = await store.getMany([
        "awkward:object",
        "awkward:long",
        "awkward:packed",
      ]);
      expect(object).toEqual({ strings: AWKWARD_STRINGS, [AWKWARD_STRINGS[2] as string]: "as a key" });
      expect(longRead === long, "the 300 KB string came back changed (MGET)").toBe(true);
      expect((await store.get("awkward:long")) === long, "the 300 KB string came back changed (GET)").toBe(
        true,
      );
      expect(unpackJson(packed)).toEqual(AWKWARD_STRINGS);
      expect((packed as { head: unknown }).head).toBe(AWKWARD_STRINGS[6]);
    });

    it("round-trips a 1 MB value", async () => {
      const value = bigValue(1_000_000);
      expect(JSON.stringify(value).length).toBeGreaterThan(1_000_000);
      await store.set("feed:big", value);
      expect(await store.get("feed:big")).toEqual(value);
    });

    it("returns copies: changing a value read or written does not change the store", async () => {
      const value = { list: [1, 2] };
      await store.set("copy", value);
      value.list.push(3);
      const read = await store.get<{ list: number[] }>("copy");
      read?.list.push(4);
      expect(await store.get("copy")).toEqual({ list: [1, 2] });
    });

    it("overwrites on set, and deletes on set of null or undefined", async () => {
      await store.set("k", 1);
      await store.set("k", 2);
      expect(await store.get("k")).toBe(2);
      await store.set("k", null);
      expect(await store.get("k")).toBeNull();
      await store.set("k", 3);
      await store.set("k", undefined);
      expect(await store.get("k")).toBeNull();
    });

    it("getMany returns values in order, null for absent keys, repeats allowed; [] for no keys", async () => {
      await store.set("m:a", "A");
      await store.set("m:c", { c: 3 });
      expect(await store.getMany(["m:c", "m:b", "m:a", "m:c"])).toEqual([{ c: 3 }, null, "A", { c: 3 }]);
      expect(await store.getMany([])).toEqual([]);
    });

    it("deletes a key; deleting an absent key is fine", async () => {
      await store.set("d", "x");
      await store.delete("d");
      await store.delete("d");
      await store.delete("never:set");
      expect(await store.get("d")).toBeNull();
    });

    it("keeps keys with : . / spaces, unicode and different letter case apart", async () => {
      const keys = [
        "feed:cs.LG",
        "feed:cs.lg",
        "feed:CS.LG",
        "a/b",
        "a b",
        "a%20b",
        ".hidden",
        "é",
        "e\u0301",
        "x".repeat(300),
      ];
      for (const [i, key] of keys.entries()) await store.set(key, i);
      expect(await store.getMany(keys)).toEqual(keys.map((_, i) => i));
    });

    it("expires a key after its TTL; keys without TTL stay; a later set without TTL keeps it", async () => {
      await store.set("ttl:short", "gone soon", { ttlSeconds: TTL });
      await store.set("ttl:none", "stays");
      await store.set("ttl:cleared", "first", { ttlSeconds: TTL });
      await store.set("ttl:cleared", "second");
      expect(await store.get("ttl:short")).toBe("gone soon");
      await sleep(PAST_TTL_MS);
      expect(await store.getMany(["ttl:short", "ttl:none", "ttl:cleared"])).toEqual([
        null,
        "stays",
        "second",
      ]);
    });

    it("publish replaces several keys at once; null deletes; other keys are untouched", async () => {
      await store.set("p:a", "old a");
      await store.set("p:b", "old b");
      await store.set("p:other", "untouched");
      await store.publish({ "p:a": { v: 2 }, "p:b": null, "p:c": [2] });
      expect(await store.getMany(["p:a", "p:b", "p:c", "p:other"])).toEqual([
        { v: 2 },
        null,
        [2],
        "untouched",
      ]);
      await store.publish({ "p:a": { v: 3 }, "p:b": "back" });
      expect(await store.getMany(["p:a", "p:b", "p:c"])).toEqual([{ v: 3 }, "back", [2]]);
      await store.set("p:a", "set after publish");
      await store.delete("p:c");
      expect(await store.getMany(["p:a", "p:c"])).toEqual(["set after publish", null]);
    });

    it("publish applies a TTL to every key it writes; an empty publish changes nothing", async () => {
      await store.publish({ "pt:a": 1, "pt:b": 2 }, { ttlSeconds: TTL });
      await store.publish({});
      expect(await store.getMany(["pt:a", "pt:b"])).toEqual([1, 2]);
      await sleep(PAST_TTL_MS);
      expect(await store.getMany(["pt:a", "pt:b"])).toEqual([null, null]);
    });

    it("publish gives keys their own TTL (ttlSecondsByKey), the others none or the common one", async () => {
      await store.publish({ "pk:feed": 1, "pk:pool": 2 }, { ttlSecondsByKey: { "pk:pool": TTL } });
      await store.publish({ "pk:a": 3, "pk:b": 4 }, { ttlSeconds: TTL, ttlSecondsByKey: { "pk:b": 3600 } });
      expect(await store.getMany(["pk:feed", "pk:pool", "pk:a", "pk:b"])).toEqual([1, 2, 3, 4]);
      await sleep(PAST_TTL_MS);
      expect(await store.getMany(["pk:feed", "pk:pool", "pk:a", "pk:b"])).toEqual([1, null, null, 4]);
    });

    it("publish is atomic: readers polling during 30 publishes only see whole versions", async () => {
      const keys = ["feed:a", "feed:b", "pool:a", "meta:refresh"];
      const readers = [store, await open(prefix)];
      let done = false;
      const seen = new Set<string>();
      const read = async (reader: Store) => {
        for (let reads = 0; !done || reads < 5; reads++) {
          const values = await reader.getMany<{ version: number }>(keys);
          const versions = new Set(values.map((value) => value?.version ?? 0));
          expect(versions.size, `mixed read: ${[...versions]}`).toBe(1);
          seen.add([...versions].join());
          await sleep(0);
        }
      };
      const write = async () => {
        for (let version = 1; version <= 30; version++) {
          await store.publish(
            Object.fromEntries(keys.map((key) => [key, { version, pad: "p".repeat(20_000) }])),
          );
          await sleep(1);
        }
        done = true;
      };
      await Promise.all([...readers.map(read), write()]);
      expect(seen.has("30")).toBe(true);
      expect(seen.size, "the reads did not interleave with the publishes").toBeGreaterThanOrEqual(3);
    });

    it("keeps stores with different prefixes apart on one backend", async () => {
      const other = await open();
      await store.set("shared:name", "mine");
      await other.set("shared:name", "theirs");
      await other.publish({ "shared:pub": 1 });
      expect(await store.getMany(["shared:name", "shared:pub"])).toEqual(["mine", null]);
      await other.delete("shared:name");
      expect(await store.get("shared:name")).toBe("mine");
      expect(await other.acquireLock("refresh", 5)).not.toBeNull();
      expect(await store.acquireLock("refresh", 5)).not.toBeNull();
    });

    it("lock: acquire gives a token; a second acquire gets null until the owner releases", async () => {
      const token = await store.acquireLock("job", 5);
      expect(token).toEqual(expect.any(String));
      expect(await store.acquireLock("job", 5)).toBeNull();
      expect(await store.releaseLock("job", token as string)).toBe(true);
      const next = await store.acquireLock("job", 5);
      expect(next).not.toBeNull();
      expect(next).not.toBe(token);
      expect(await store.releaseLock("job", token as string)).toBe(false);
      expect(await store.releaseLock("job", next as string)).toBe(true);
      expect(await store.releaseLock("job", next as string)).toBe(false);
    });

    it("lock: a release with a wrong token fails and the lock stays held", async () => {
      const token = await store.acquireLock("job", 5);
      expect(await store.releaseLock("job", "not-the-token")).toBe(false);
      expect(await store.releaseLock("job", `"${token}"`)).toBe(false);
      expect(await store.acquireLock("job", 5)).toBeNull();
    });

    it("lock: after expiry another owner takes it, and the old owner cannot release it", async () => {
      const first = await store.acquireLock("job", TTL);
      await sleep(PAST_TTL_MS);
      const second = await store.acquireLock("job", 5);
      expect(second).not.toBeNull();
      expect(await store.releaseLock("job", first as string)).toBe(false);
      expect(await store.acquireLock("job", 5)).toBeNull();
      expect(await store.releaseLock("job", second as string)).toBe(true);
    });

    it("lock: five concurrent acquires (one store, and five stores) give exactly one token", async () => {
      const same = await Promise.all(Array.from({ length: 5 }, () => store.acquireLock("race", 5)));
      expect(same.filter((token) => token !== null)).toHaveLength(1);
      const stores = [store, ...(await Promise.all([1, 2, 3, 4].map(() => open(prefix))))];
      const apart = await Promise.all(stores.map((each) => each.acquireLock("race-2", 5)));
      expect(apart.filter((token) => token !== null)).toHaveLength(1);
      expect(await store.acquireLock("other-name", 5)).not.toBeNull();
    });

    it("lock: the owner renews it past its first TTL; others' renewals and late ones fail", async () => {
      const token = (await store.acquireLock("renewed", TTL)) as string;
      expect(await store.renewLock("renewed", "not-the-token", 5)).toBe(false);
      expect(await store.renewLock("renewed", `"${token}"`, 5)).toBe(false);
      expect(await store.renewLock("renewed", token, 5)).toBe(true);
      await sleep(PAST_TTL_MS);
      expect(await store.acquireLock("renewed", 5), "the renewed lock expired at its first TTL").toBeNull();
      expect(await store.renewLock("renewed", token, TTL)).toBe(true);
      await sleep(PAST_TTL_MS);
      expect(await store.renewLock("renewed", token, 5), "renewed after it expired").toBe(false);
      const next = await store.acquireLock("renewed", 5);
      expect(next).not.toBeNull();
      expect(await store.renewLock("renewed", token, 5)).toBe(false);
      expect(await store.releaseLock("renewed", next as string)).toBe(true);
      await expect(store.renewLock("renewed", token, 0)).rejects.toThrow(RangeError);
    });

    it("lock: its value names the holder (pid, host, since, expiry), renewals move the expiry", async () => {
      expect(await readLockHolder(store, "named")).toBeNull();
      const before = Date.now();
      const token = (await store.acquireLock("named", 5)) as string;
      const holder = await readLockHolder(store, "named");
      expect(holder).toMatchObject({ token, pid: process.pid, host: expect.any(String) });
      expect(holder?.since).toBeGreaterThanOrEqual(before);
      expect(holder?.expiresAt).toBeGreaterThanOrEqual(before + 5000);
      await store.renewLock("named", token, 60);
      const renewed = await readLockHolder(store, "named");
      expect(renewed?.since).toBe(holder?.since);
      expect(renewed?.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
      await store.releaseLock("named", token);
      expect(await readLockHolder(store, "named")).toBeNull();
    });

    it("lock: a TTL of zero or less is refused (a lock must expire)", async () => {
      await expect(store.acquireLock("job", 0)).rejects.toThrow(RangeError);
      await expect(store.acquireLock("job", -1)).rejects.toThrow(RangeError);
      await expect(store.set("k", 1, { ttlSeconds: -1 })).rejects.toThrow(RangeError);
    });
  });
}
