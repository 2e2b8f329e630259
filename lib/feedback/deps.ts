import type { ReadDeps } from "../http/read-deps.js";

/**
 * What a feedback handler works with, passed in: the read handlers' deps (settings, store, clock;
 * the clock says when a vote is cast and how much it weighs later). Only the `api/` entry wires
 * the real ones, through `liveReadDeps`.
 */
export type FeedbackDeps = ReadDeps;
