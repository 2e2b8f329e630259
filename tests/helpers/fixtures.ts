import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The shared fixtures folder (`../shared/fixtures` beside the repository). */
export const FIXTURES = resolve(process.cwd(), "../shared/fixtures");

export const fixturePath = (...parts: string[]) => resolve(FIXTURES, ...parts);
export const readFixture = (...parts: string[]) => readFileSync(fixturePath(...parts), "utf8");

/**
 * A moment on the fixtures' announcement day (Thursday 2026-01-29, 10:00 US Eastern): the clock
 * tests run at unless they test another day, so no outcome depends on the machine's date.
 */
export const FIXTURE_NOW = Date.parse("2026-01-29T15:00:00Z");
export const FIXTURE_NOW_ISO = new Date(FIXTURE_NOW).toISOString();
/** Two days later: Saturday 2026-01-31, 10:00 US Eastern, when arXiv's feeds are empty. */
export const FIXTURE_SATURDAY = FIXTURE_NOW + 2 * 86_400_000;
