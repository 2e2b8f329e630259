import { z } from "zod";

/**
 * Building blocks of query-parameter schemas. Each parses the string a URL carries and reports
 * a broken rule in words (`must be a whole number from 1 to 200`); the OpenAPI document shows
 * the parsed type (integer, number, list as comma-separated string).
 */

/** Longest value any text parameter may have, characters. */
const MAX_TEXT_LENGTH = 500;
/** Longest comma-separated list parameter, characters. */
const MAX_LIST_LENGTH = 2000;

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// Control characters (C0, DEL, C1) have no business in a filter and would end up in feed titles.
const NO_CONTROL = /^[^\p{Cc}]*$/u;

/** Text that reads as a decimal number becomes a number; anything else stays text and fails. */
const toNumber = (value: unknown) =>
  typeof value === "string" && NUMBER_TEXT.test(value) ? Number(value) : value;

/** A whole number from `min` to `max`. */
export function integerParam(min: number, max: number) {
  const rule = { error: `must be a whole number from ${min} to ${max}` };
  return z.preprocess(toNumber, z.number(rule).int(rule).min(min, rule).max(max, rule));
}

/** A number from `min` to `max` (decimals allowed). */
export function numberParam(min: number, max: number) {
  const rule = { error: `must be a number from ${min} to ${max}` };
  return z.preprocess(toNumber, z.number(rule).min(min, rule).max(max, rule));
}

/** Free text up to `max` characters, without control characters. */
export function textParam(max = MAX_TEXT_LENGTH) {
  return z
    .string()
    .max(max, { error: `must be at most ${max} characters` })
    .regex(NO_CONTROL, { error: "must not contain control characters" });
}

/** `a, b ,c` → `["a", "b", "c"]`: trimmed, inner whitespace folded, blanks and repeats dropped. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of text.split(",")) {
    const item = part.trim().replace(/\s+/g, " ");
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

/**
 * A comma-separated list of at most `maxItems` items of at most `maxItemLength` characters;
 * `item` adds a rule of its own for each item.
 */
export function listParam(
  what: string,
  maxItems: number,
  maxItemLength: number,
  item: (text: z.ZodString) => z.ZodType<string, string> = (text) => text,
) {
  return textParam(MAX_LIST_LENGTH)
    .transform(splitList)
    .pipe(
      z
        .array(
          item(
            z
              .string()
              .max(maxItemLength, { error: `must be at most ${maxItemLength} characters per ${what}` }),
          ),
        )
        .min(1, { error: `must list at least one ${what} (comma-separated)` })
        .max(maxItems, { error: `must list at most ${maxItems} ${what}s` }),
    );
}

/** A calendar date, `YYYY-MM-DD`. */
export function dateParam() {
  return z.iso.date({ error: "must be a date as YYYY-MM-DD" });
}

/** `1`/`true` or `0`/`false`. */
export function flagParam() {
  return z
    .enum(["1", "0", "true", "false"], { error: "must be 1 or 0" })
    .transform((value) => value === "1" || value === "true");
}
