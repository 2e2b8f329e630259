/**
 * The first `max` characters (code points, so a surrogate pair is never split) of `text`,
 * followed by `ellipsis` when anything was cut; `text` unchanged when it is short enough.
 */
export function truncate(text: string, max: number, ellipsis = "..."): string {
  let count = 0;
  for (let index = 0; index < text.length; count++) {
    if (count === max) return `${text.slice(0, index)}${ellipsis}`;
    index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return text;
}

/** `text` with every run of whitespace (newlines included) folded to one space, trimmed. */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
