import type { z } from "zod";
import { badRequest } from "./http-error.js";

/** Characters of a rejected value quoted back in an error message. */
const QUOTED_CHARS = 40;

const quote = (value: unknown) => {
  const text = typeof value === "string" ? value : "";
  return text.length > QUOTED_CHARS ? `"${text.slice(0, QUOTED_CHARS)}…"` : `"${text}"`;
};

/**
 * The one value of query parameter `name`, or undefined when absent or blank. A parameter given
 * twice is a 400: silently taking one of them would hide a mistake in a hand-built URL.
 */
export function singleParam(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) {
    throw badRequest(
      `parameter "${name}" is given ${values.length} times; give it once (lists are comma-separated: ${name}=a,b)`,
      { parameter: name },
    );
  }
  const value = values[0]?.trim();
  return value ? value : undefined;
}

/** Parsed queries by schema and raw values: a feed polled again parses nothing (forgotten all at once when full). */
const parsed = new WeakMap<z.ZodType, Map<string, unknown>>();
const MAX_PARSED = 256;

function parsedOf(schema: z.ZodType): Map<string, unknown> {
  let known = parsed.get(schema);
  if (!known) {
    known = new Map();
    parsed.set(schema, known);
  }
  return known;
}

function keep(schema: z.ZodType, key: string, value: unknown): void {
  const known = parsedOf(schema);
  if (known.size >= MAX_PARSED) known.clear();
  known.set(key, value);
}

/**
 * Parses the query parameters `schema` declares (others are ignored, as feed readers and link
 * trackers add their own). A bad value is a 400 naming the parameter and the rule it broke.
 * Each caller gets its own object (a shallow copy of the one parsed first).
 */
export function parseQuery<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  params: URLSearchParams,
): z.output<z.ZodObject<Shape>> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = singleParam(params, name);
    if (value !== undefined) raw[name] = value;
  }
  const key = JSON.stringify(raw);
  const known = parsedOf(schema).get(key) as z.output<z.ZodObject<Shape>> | undefined;
  if (known) return { ...known };
  const result = schema.safeParse(raw);
  if (result.success) {
    keep(schema, key, result.data);
    return { ...result.data };
  }
  const issue = result.error.issues[0];
  const parameter = String(issue?.path[0] ?? "query");
  const where = issue && issue.path.length > 1 ? ` (item ${Number(issue.path[1]) + 1})` : "";
  throw badRequest(`${parameter}${where} ${issue?.message ?? "is invalid"} (got ${quote(raw[parameter])})`, {
    parameter,
  });
}
