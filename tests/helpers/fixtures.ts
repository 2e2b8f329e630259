import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The shared fixtures folder (`../shared/fixtures` beside the repository). */
export const FIXTURES = resolve(process.cwd(), "../shared/fixtures");

export const fixturePath = (...parts: string[]) => resolve(FIXTURES, ...parts);
export const readFixture = (...parts: string[]) => readFileSync(fixturePath(...parts), "utf8");
