/**
 * The Upstash driver writes ASCII-only JSON and reads results as plain JSON strings (it never
 * sends `Upstash-Encoding: base64`). These tests show why that is safe for what it stores,
 * and that the loopback REST server answers with and without `Upstash-Encoding: base64` as
 * Upstash documents, so the contract suite run over it proves the driver.
 */
import { Redis } from "@upstash/redis";
import { createClient, RESP_TYPES } from "redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asciiJson } from "../../lib/store/ascii-json.js";
import type { Store } from "../../lib/store/types.js";
import { openUpstashStore, upstashOverRedis } from "../helpers/upstash-rest-server.js";
import { AWKWARD_STRINGS, randomPrefix } from "./contract.js";

const upstash = upstashOverRedis();
/** A value as another program might write it under our prefix: JSON whose string holds byte 0xFF. */
const NOT_UTF8 = Buffer.concat([Buffer.from('{"t":"a'), Buffer.from([0xff]), Buffer.from('b"}')]);

/** One REST request as the SDK sends it, with or without base64 results; the parsed body. */
async function rest(path: string, body: unknown, base64: boolean): Promise<unknown> {
  const response = await fetch(upstash.rest.url + path, {
    method: "POST",
    headers: {
      authorization: `Bearer ${upstash.rest.token}`,
      ...(base64 ? { "Upstash-Encoding": "base64" } : {}),
    },
    body: JSON.stringify(body),
  });
  return response.json();
}

describe("upstash store: results without base64", () => {
  let store: Store;
  let prefix: string;
  beforeEach(() => {
    ({ store, prefix } = openUpstashStore(upstash));
  });
  afterEach(() => store.close());

  const redisDirect = async () => {
    const client = createClient({
      url: upstash.redis.url,
      commandOptions: { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } },
    });
    await client.connect();
    return client;
  };

  it("no command of the driver asks for base64", async () => {
    await store.set("k", { a: 1 }, { ttlSeconds: 60 });
    await store.publish({ k: AWKWARD_STRINGS, gone: null });
    await store.get("k");
    await store.getMany(["k", "absent"]);
    const token = (await store.acquireLock("job", 5)) as string;
    await store.renewLock("job", token, 5);
    await store.releaseLock("job", token);
    const stats = upstash.rest.stats();
    expect(stats.requests).toBeGreaterThanOrEqual(7);
    expect(stats.base64Requests).toBe(0);
  });

  it("writes awkward strings as ASCII-only JSON (set and publish), and reads them back", async () => {
    const client = await redisDirect();
    try {
      await store.set("awkward", AWKWARD_STRINGS);
      await store.publish({ "awkward:published": AWKWARD_STRINGS });
      const expected = Buffer.from(asciiJson(JSON.stringify(AWKWARD_STRINGS)), "ascii");
      for (const key of ["awkward", "awkward:published"]) {
        const stored = (await client.sendCommand(["GET", `${prefix}${key}`])) as Buffer;
        expect(stored.equals(expected), key).toBe(true);
        expect(await store.get(key)).toEqual(AWKWARD_STRINGS);
      }
    } finally {
      await client.close();
    }
  });

  it("bytes that are not UTF-8 (another program's) read as U+FFFD, as the SDK's base64 path decodes them too", async () => {
    const client = await redisDirect();
    try {
      await client.set(`${prefix}feed:x`, NOT_UTF8);
    } finally {
      await client.close();
    }
    const viaBase64 = new Redis({
      url: upstash.rest.url,
      token: upstash.rest.token,
      automaticDeserialization: false,
    });
    const text = await viaBase64.get<string>(`${prefix}feed:x`);
    expect(text).toBe('{"t":"a\ufffdb"}');
    expect(await store.get("feed:x")).toEqual(JSON.parse(text as string));
  });
});

describe("loopback REST server: Upstash-Encoding as Upstash documents it", () => {
  let prefix: string;
  beforeEach(async () => {
    prefix = randomPrefix();
    const client = createClient({ url: upstash.redis.url });
    await client.connect();
    try {
      await client.set(`${prefix}bytes`, NOT_UTF8);
      await client.set(`${prefix}text`, "é\u2028");
    } finally {
      await client.close();
    }
  });

  it("base64: bulk strings are base64 of the raw bytes; OK, numbers, null and errors stay as they are", async () => {
    expect(await rest("/", ["GET", `${prefix}bytes`], true)).toEqual({ result: NOT_UTF8.toString("base64") });
    expect(await rest("/", ["SET", `${prefix}n`, "1"], true)).toEqual({ result: "OK" });
    expect(await rest("/", ["INCR", `${prefix}n`], true)).toEqual({ result: 2 });
    expect(await rest("/", ["GET", `${prefix}absent`], true)).toEqual({ result: null });
    expect(await rest("/", ["MGET", `${prefix}text`, `${prefix}absent`], true)).toEqual({
      result: [Buffer.from("é\u2028").toString("base64"), null],
    });
    expect(
      await rest(
        "/multi-exec",
        [
          ["GET", `${prefix}text`],
          ["INCR", `${prefix}text`],
        ],
        true,
      ),
    ).toEqual([
      { result: Buffer.from("é\u2028").toString("base64") },
      { error: expect.stringMatching(/^ERR /) },
    ]);
  });

  it("without it: strings as UTF-8 text, a byte that is not UTF-8 as U+FFFD", async () => {
    expect(await rest("/", ["GET", `${prefix}bytes`], false)).toEqual({ result: '{"t":"a\ufffdb"}' });
    expect(
      await rest(
        "/pipeline",
        [
          ["GET", `${prefix}text`],
          ["GET", `${prefix}absent`],
        ],
        false,
      ),
    ).toEqual([{ result: "é\u2028" }, { result: null }]);
    expect(
      await rest(
        "/multi-exec",
        [
          ["SET", `${prefix}t2`, "x"],
          ["GET", `${prefix}t2`],
        ],
        false,
      ),
    ).toEqual([{ result: "OK" }, { result: "x" }]);
  });
});
