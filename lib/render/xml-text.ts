/**
 * Everything XML 1.0 cannot carry as text, plus the characters it only tolerates: C0 controls
 * other than tab/LF/CR, DEL and the C1 controls, U+FFFE/U+FFFF, and unpaired surrogates (with the
 * `u` flag a surrogate range only matches a surrogate that is not half of a pair).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/** Returns `text` without the characters XML 1.0 forbids or discourages (see `NOT_XML_TEXT`). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_TEXT, "");
}

/**
 * Applies `xmlText` to every string inside `value` (arrays and plain objects, recursively);
 * other values (numbers, booleans, Dates) are kept as they are. Returns a copy.
 */
export function xmlTextDeep<T>(value: T): T {
  return cleanValue(value) as T;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === "string") return xmlText(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cleanValue(inner)]));
  }
  return value;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for XML or HTML element content (`&`, `<`, `>`), leaving quotes readable. */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char] ?? char);
}

/** Escapes text for XML or HTML element content and (quoted) attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}
