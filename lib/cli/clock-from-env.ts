import { clockStartingAt, setClock } from "../clock.js";
import type { Env } from "../config/env.js";

/** The CLIs' clock: the machine's, or one started at `ARXIV_FEEDS_NOW` (a demo, a fixture day). */
export function useClockFromEnv(env: Pick<Env, "ARXIV_FEEDS_NOW">): void {
  if (env.ARXIV_FEEDS_NOW) setClock(clockStartingAt(Date.parse(env.ARXIV_FEEDS_NOW)));
}
