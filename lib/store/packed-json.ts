import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";

/**
 * A large JSON value stored gzipped. A day's pool of abstracts is ~2 MB of JSON and ~0.5 MB
 * gzipped; a personal feed reads several days in one command, and Upstash limits a request,
 * its response included, to 10 MB.
 */
export const PackedJsonSchema = z.object({
  packed: z.literal("gzip+base64"),
  data: z.string(),
});
export type PackedJson = z.infer<typeof PackedJsonSchema>;

export function packJson(value: unknown): PackedJson {
  return { packed: "gzip+base64", data: gzipSync(JSON.stringify(value), { level: 6 }).toString("base64") };
}

/** The value `packJson` packed; a value stored unpacked is returned as it is. */
export function unpackJson<T>(stored: unknown): T {
  const packed = PackedJsonSchema.safeParse(stored);
  if (!packed.success) return stored as T;
  return JSON.parse(gunzipSync(Buffer.from(packed.data.data, "base64")).toString("utf8")) as T;
}
