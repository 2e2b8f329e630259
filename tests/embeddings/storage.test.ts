import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addSet, type EmbeddingIndex, indexOf, packSet } from "../../lib/embeddings/embedding-set.js";
import { embeddingSetKey, namedEmbeddingKey } from "../../lib/embeddings/keys.js";
import { dot, lengthOf, quantise } from "../../lib/embeddings/vector-codec.js";
import { createFileStore } from "../../lib/store/file.js";

/*
 * Compact storage: unit int8 vectors in base64, one set per day. A week of full days (~7,000
 * papers) must stay far inside Upstash's free tier (256 MB) and leave room beside the pools
 * (~2.5 MB) in one 10 MB read; quantising must not move a cosine by more than rounding.
 */
const WEEK = 7000;

/** A deterministic pseudo-random vector. */
function randomVector(seed: number, dimensions: number): number[] {
  let state = seed * 2654435761;
  return Array.from({ length: dimensions }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 30 - 1;
  });
}

/** Bytes a week of day sets takes as stored JSON, at `dimensions`. */
function weekBytes(dimensions: number): number {
  let bytes = 0;
  for (let day = 0; day < 5; day++) {
    const vectors = new Map<string, Int8Array>();
    for (let k = 0; k < WEEK / 5; k++) {
      const id = `2601.${String(20000 + day * 2000 + k).padStart(5, "0")}v1`;
      vectors.set(id, quantise(randomVector(day * 10_000 + k, dimensions)) as Int8Array);
    }
    bytes += Buffer.byteLength(JSON.stringify(packSet({ model: "m", dimensions }, vectors, "2026-01-29")));
  }
  return bytes;
}

describe("stored embeddings", () => {
  it("a week of 7,000 papers takes under 380 bytes a paper at 256 dimensions, under 5 MB at the 512 maximum", () => {
    const at256 = weekBytes(256);
    expect(at256 / WEEK).toBeLessThan(380);
    expect(at256).toBeLessThan(2.7 * 1024 * 1024);
    expect(weekBytes(512)).toBeLessThan(5 * 1024 * 1024);
  });

  it("quantising keeps cosines within 0.01, and a set reads back exactly", () => {
    for (let k = 0; k < 50; k++) {
      const a = randomVector(k, 256);
      const b = randomVector(k + 1000, 256).map((value, i) => value + (a[i] as number));
      const exact =
        a.reduce((sum, value, i) => sum + value * (b[i] as number), 0) /
        (Math.hypot(...a) * Math.hypot(...b));
      const qa = quantise(a) as Int8Array;
      const qb = quantise(b) as Int8Array;
      expect(Math.abs(dot(qa, qb) / (lengthOf(qa) * lengthOf(qb)) - exact)).toBeLessThan(0.01);
    }
    const vectors = new Map([
      ["2601.00001v1", quantise(randomVector(1, 64)) as Int8Array],
      ["2601.00002v3", quantise(randomVector(2, 64)) as Int8Array],
    ]);
    const index: EmbeddingIndex = new Map();
    const stored = JSON.parse(JSON.stringify(packSet({ model: "m", dimensions: 64 }, vectors, "2026-01-29")));
    expect(addSet(index, stored, { model: "m", dimensions: 64 })).toBe("2026-01-29");
    expect(index).toEqual(vectors);
  });

  it("refuses what cannot be a unit vector, and sets of another model, length or shape", () => {
    expect(quantise([0, 0, 0])).toBeUndefined();
    expect(quantise([1, Number.POSITIVE_INFINITY])).toBeUndefined();
    expect(quantise([1, Number.NaN])).toBeUndefined();
    const stored = packSet({ model: "m", dimensions: 2 }, new Map([["x", quantise([1, 1]) as Int8Array]]));
    for (const kind of [
      { model: "other", dimensions: 2 },
      { model: "m", dimensions: 3 },
    ]) {
      const index: EmbeddingIndex = new Map();
      addSet(index, stored, kind);
      expect(index.size).toBe(0);
    }
    const index: EmbeddingIndex = new Map();
    addSet(index, { ...stored, vectors: "AAAA" }, { model: "m", dimensions: 2 });
    addSet(index, "garbage", { model: "m", dimensions: 2 });
    expect(index.size).toBe(0);
  });
});

describe("day sets in the embedded store", () => {
  it("are kept parsed while the database is unchanged, as pools are; a named paper's vector is not", async () => {
    const dir = mkdtempSync(join(tmpdir(), "axf-emb-cache-"));
    const store = createFileStore({ dir, keyPrefix: "t:" });
    try {
      const kind = { model: "m", dimensions: 64 };
      const vectors = new Map([["2601.00001v1", quantise(randomVector(1, 64)) as Int8Array]]);
      const day = embeddingSetKey(3);
      const named = namedEmbeddingKey("tag", "2501.00001");
      await store.publish({ [day]: packSet(kind, vectors, "2026-01-29"), [named]: packSet(kind, vectors) });
      const [first, firstNamed] = await store.getMany([day, named]);
      const [second, secondNamed] = await store.getMany([day, named]);
      expect(second).toBe(first);
      expect(secondNamed).not.toBe(firstNamed);
      // Reading a kept set changes nothing in it: the next reader gets the same vectors.
      expect(indexOf([second], kind)).toEqual(vectors);
      expect(indexOf([await store.get(day)], kind)).toEqual(vectors);
      await store.publish({ [day]: packSet(kind, new Map(), "2026-01-30") });
      expect(await store.get(day)).not.toBe(first);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
