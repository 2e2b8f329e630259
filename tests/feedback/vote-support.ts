/*
 * The vote and profile pages in-process, as api/vote.ts and api/profile.ts wire them, over test
 * deps of their own: a memory store, settings with a feedback secret, and a clock the test moves.
 */
import type { Settings } from "../../lib/config/settings.js";
import { pageErrorResponse } from "../../lib/feedback/page-error.js";
import { createProfile } from "../../lib/feedback/profile-store.js";
import { removeProfileVote } from "../../lib/feedback/serve-profile.js";
import { castVote, serveVotePage } from "../../lib/feedback/serve-vote.js";
import { profileToken } from "../../lib/feedback/token.js";
import type { Vote } from "../../lib/feedback/vote.js";
import { voteLinks } from "../../lib/feedback/vote-links.js";
import { methodRoute } from "../../lib/http/method-route.js";
import type { ReadDeps } from "../../lib/http/read-deps.js";
import { createMemoryStore } from "../../lib/store/memory.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";
import { testSettings } from "../http/read-test-deps.js";
import { FEEDBACK_SECRET } from "./support.js";

export const ORIGIN = "http://feeds.test";

/** A deployment in-process: its deps, the clock's setter, and the two pages' routes. */
export interface Pages {
  deps: ReadDeps;
  settings: Settings;
  /** Moves the deps' clock by `ms`. */
  advance(ms: number): void;
  /** A profile created now; its token. */
  createProfile(name: string): Promise<string>;
  /** Opens a vote link (GET). */
  open(token: string, id: string, vote: Vote, from?: string): Promise<Response> | Response;
  /** Presses the vote page's button: `action` vote or undo (POST), from client address `from`. */
  press(
    token: string,
    id: string,
    vote: Vote,
    action?: "vote" | "undo",
    from?: string,
  ): Promise<Response> | Response;
  /** Presses a profile page's Remove button. */
  remove(token: string, id: string, from?: string): Promise<Response> | Response;
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };

export function inProcessPages(): Pages {
  let at = FIXTURE_NOW;
  const settings = testSettings(undefined, { FEEDBACK_SECRET });
  const deps: ReadDeps = { settings, store: createMemoryStore(), now: () => at };
  const vote = methodRoute(
    { GET: (r) => serveVotePage(r, deps), POST: (r) => castVote(r, deps) },
    { onError: pageErrorResponse },
  );
  const profile = methodRoute({ POST: (r) => removeProfileVote(r, deps) }, { onError: pageErrorResponse });
  const link = (token: string, id: string, kind: Vote) =>
    new URL(voteLinks(ORIGIN, token, id, FEEDBACK_SECRET)[kind]);
  const client = (from: string) => ({ "x-real-ip": from });
  return {
    deps,
    settings,
    advance: (ms) => {
      at += ms;
    },
    async createProfile(name) {
      const outcome = await createProfile(deps.store, name, at);
      if (outcome.status !== "created") throw new Error(`profile ${name}: ${outcome.status}`);
      return profileToken(FEEDBACK_SECRET, name, outcome.record.nonce);
    },
    open: (token, id, kind, from = "192.0.2.1") =>
      vote.GET(new Request(link(token, id, kind), { headers: client(from) })),
    press: (token, id, kind, action = "vote", from = "192.0.2.1") => {
      const fields = new URLSearchParams(link(token, id, kind).searchParams);
      fields.set("action", action);
      return vote.POST(
        new Request(`${ORIGIN}/vote`, {
          method: "POST",
          headers: { ...FORM, ...client(from) },
          body: fields.toString(),
        }),
      );
    },
    remove: (token, id, from = "192.0.2.1") =>
      profile.POST(
        new Request(`${ORIGIN}/profile`, {
          method: "POST",
          headers: { ...FORM, ...client(from) },
          body: new URLSearchParams({ token, id, action: "remove" }).toString(),
        }),
      ),
  };
}
