/** Every UTF-16 code unit outside ASCII (a character beyond the BMP is two: a surrogate pair). */
const NON_ASCII = /[\u0080-\uffff]/g;

const unicodeEscape = (unit: string): string => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * JSON text with each non-ASCII character written as a `\uXXXX` escape (a pair of them beyond
 * the BMP): the same value to JSON.parse, in ASCII bytes only. Such text is decoded from bytes
 * and parsed on V8's one-byte fast paths: a 74 KB feed with four non-ASCII characters is
 * decoded and unwrapped from an Upstash REST response in ~180 µs instead of ~750 µs. Non-ASCII
 * can only occur inside string literals, so the escapes are always valid where they land.
 */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, unicodeEscape);
}
