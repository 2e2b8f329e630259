/*
 * Embeddings as stored: each vector scaled to unit length, then to signed bytes (×127, rounded),
 * so a 256-dimension vector takes 256 bytes (344 in base64) instead of 1 KB of float32 or ~5 KB
 * of JSON numbers. The rounding moves a cosine by under 0.01, far below what separates papers.
 */

/** Largest magnitude of a quantised component. */
const SCALE = 127;

/**
 * A vector as int8, unit length before rounding; undefined for one that cannot be normalised
 * (a non-finite component, or all zero).
 */
export function quantise(vector: readonly number[]): Int8Array | undefined {
  let norm = 0;
  for (const value of vector) {
    if (!Number.isFinite(value)) return undefined;
    norm += value * value;
  }
  if (!(norm > 0) || !Number.isFinite(norm)) return undefined;
  const scale = SCALE / Math.sqrt(norm);
  const bytes = new Int8Array(vector.length);
  vector.forEach((value, k) => {
    bytes[k] = Math.max(-SCALE, Math.min(SCALE, Math.round(value * scale)));
  });
  return bytes;
}

/** Many vectors of `dimensions` bytes each, concatenated, in base64. */
export function packVectors(vectors: readonly Int8Array[]): string {
  const bytes = Buffer.alloc(vectors.length * (vectors[0]?.length ?? 0));
  let at = 0;
  for (const vector of vectors) {
    bytes.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), at);
    at += vector.byteLength;
  }
  return bytes.toString("base64");
}

/** The vectors of `packVectors`; undefined when the text is not `count` vectors of `dimensions`. */
export function unpackVectors(text: string, count: number, dimensions: number): Int8Array[] | undefined {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length !== count * dimensions) return undefined;
  const all = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return Array.from({ length: count }, (_, k) => all.subarray(k * dimensions, (k + 1) * dimensions));
}

/** Dot product of two quantised vectors. */
export function dot(a: Int8Array, b: Int8Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k] as number) * (b[k] as number);
  return sum;
}

/** Length of a quantised vector. */
export const lengthOf = (a: Int8Array): number => Math.sqrt(dot(a, a));
