import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";

/**
 * A large JSON value stored gzipped, with an optional small `head` kept as plain JSON beside it
 * so a reader can decide from the head alone whether it needs the value. A day's pool of
 * abstracts is ~2 MB of JSON and ~0.5 MB gzipped; a personal feed reads several days in one
 * command, and Upstash limits a request, its response included, to 10 MB.
 */
const PackedJsonSchema = z.object({
  packed: z.literal("gzip+base64"),
  data: z.string(),
  head: z.unknown().optional(),
});
export type PackedJson = z.infer<typeof PackedJsonSchema>;

export function packJson(value: unknown, head?: unknown): PackedJson {
  const data = gzipSync(JSON.stringify(value), { level: 6 }).toString("base64");
  return head === undefined ? { packed: "gzip+base64", data } : { packed: "gzip+base64", data, head };
}

/** Whether a stored value was written by `packJson`. */
export const isPacked = (stored: unknown): stored is PackedJson => PackedJsonSchema.safeParse(stored).success;

/** The value `packJson` packed; a value stored unpacked is returned as it is. Throws on corrupt data. */
export function unpackJson<T>(stored: unknown): T {
  if (!isPacked(stored)) return stored as T;
  return JSON.parse(gunzipSync(Buffer.from(stored.data, "base64")).toString("utf8")) as T;
}
