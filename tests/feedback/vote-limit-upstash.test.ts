/*
 * On an Upstash deployment the vote limits run on Upstash's limiter (the one personal feeds use),
 * so every function instance counts against the same allowance, under keys of their own: a
 * profile's votes never spend an address's personal-feed allowance. The loopback Upstash REST
 * server over a real redis-server.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../lib/config/settings.js";
import { limitVotes } from "../../lib/feedback/vote-limit.js";
import { PROFILE_VOTE_LIMIT } from "../../lib/feedback/vote-rules.js";
import { HttpError } from "../../lib/http/http-error.js";
import { limitPersonal } from "../../lib/http/personal-limit.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { upstashOverRedis, upstashServiceEnv } from "../helpers/upstash-rest-server.js";
import { FEEDBACK_SECRET } from "./support.js";

const upstash = upstashOverRedis();

/** Upstash's windows run on the machine's clock: start a run near the end of one in the next. */
async function awayFromWindowEnd(windowSeconds: number): Promise<void> {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
  if (left < 10_000) await sleep(left + 50);
}

describe("vote limits on Upstash", () => {
  it("are shared by every instance and kept apart from the personal feed limit", async () => {
    const env = {
      ...upstashServiceEnv(upstash.rest),
      CONFIG_PATH: "config.json",
      KEY_PREFIX: `vl${Date.now()}:`,
      FEEDBACK_SECRET,
    };
    // Two warm instances: each builds its own limiters from its own settings.
    const one = loadSettings(env);
    const two = loadSettings(env);
    expect(one.store.driver).toBe("upstash");
    const request = new Request("http://feeds.test/vote", { headers: { "x-real-ip": "192.0.2.9" } });
    const clock = () => FIXTURE_NOW;
    await awayFromWindowEnd(PROFILE_VOTE_LIMIT.windowSeconds);
    upstash.rest.resetStats();
    for (let n = 0; n < PROFILE_VOTE_LIMIT.requests; n++)
      await limitVotes(request, n % 2 ? one : two, "lab", clock);
    expect(upstash.rest.stats().commandNames.some((name) => name === "EVALSHA" || name === "EVAL")).toBe(
      true,
    );

    const refused = await limitVotes(request, one, "lab", clock).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(429);
    expect(Number((refused as HttpError).headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((refused as HttpError).message).toContain("for profile lab");
    // Another profile from the same address, and the address's personal feeds, are not held back.
    await expect(limitVotes(request, two, "other", clock)).resolves.toBeUndefined();
    await expect(limitPersonal(request, { settings: one, now: clock }, false)).resolves.toBeUndefined();
  });
});
