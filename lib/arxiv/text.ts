/** Text clean-up shared by the feed parsers: entities, whitespace, invalid characters, TeX accents. */

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The XML five plus a few common HTML names, for HTML carried as text (the old RDF feed); others stay literal. */
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  ...XML_ENTITIES,
  nbsp: "\u00a0",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  laquo: "\u00ab",
  raquo: "\u00bb",
  times: "\u00d7",
  minus: "\u2212",
  plusmn: "\u00b1",
  deg: "\u00b0",
  micro: "\u00b5",
  copy: "\u00a9",
  reg: "\u00ae",
  trade: "\u2122",
};

/** Longest `name` in `&name;` worth looking at: `#x10FFFF` and every name above are shorter. */
const MAX_ENTITY_LENGTH = 12;

/** XML 1.0 `Char`, minus the C1 controls and DEL, which are legal but never wanted in a title. */
function isWantedCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp < 0x7f) ||
    (cp > 0x9f && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function resolveEntity(name: string, named: Readonly<Record<string, string>>): string | undefined {
  if (name.charCodeAt(0) === 35 /* # */) {
    const hex = name.charCodeAt(1) === 120 || name.charCodeAt(1) === 88; /* x X */
    const digits = name.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
    const cp = Number.parseInt(digits, hex ? 16 : 10);
    // A reference to a character XML forbids (NUL, controls, surrogates) is dropped, not kept as text.
    return isWantedCodePoint(cp) ? String.fromCodePoint(cp) : "";
  }
  return Object.hasOwn(named, name) ? named[name] : undefined;
}

/** Index of the `;` closing an entity that starts at `amp`, looking no further than any entity is long. */
function entityEnd(s: string, amp: number): number {
  const end = Math.min(s.length, amp + MAX_ENTITY_LENGTH + 1);
  for (let i = amp + 1; i < end; i++) if (s.charCodeAt(i) === 59 /* ; */) return i;
  return -1;
}

function decodeEntities(s: string, named: Readonly<Record<string, string>>): string {
  let amp = s.indexOf("&");
  if (amp === -1) return s;
  let out = "";
  let last = 0;
  while (amp !== -1) {
    const semi = entityEnd(s, amp);
    const replacement = semi === -1 ? undefined : resolveEntity(s.slice(amp + 1, semi), named);
    if (replacement === undefined) {
      // Unknown or undeclared (DOCTYPE entities are never expanded): kept as literal text.
      amp = s.indexOf("&", amp + 1);
      continue;
    }
    out += s.slice(last, amp) + replacement;
    last = semi + 1;
    amp = s.indexOf("&", last);
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * Decodes the five predefined XML entities and numeric character references, in one pass (so
 * `&amp;lt;` becomes `&lt;`, never `<`). Anything else, DOCTYPE-declared entities included, stays
 * literal: nothing is ever expanded from the document itself, which makes entity bombs inert.
 */
export function decodeXmlEntities(s: string): string {
  return decodeEntities(s, XML_ENTITIES);
}

/** For HTML carried as text (already XML-decoded): drops tags, then decodes HTML entities once. */
export function htmlToText(html: string): string {
  const stripped =
    html.indexOf("<") === -1
      ? html
      : html.replace(/<\/?(?:p|br|div|li|ul|ol|h\d|tr|td|hr)\b[^<>]*>/gi, " ").replace(/<[^<>]*>/g, "");
  return decodeEntities(stripped, HTML_ENTITIES);
}

// Controls (other than whitespace, which folding handles), DEL, C1, U+FFFE/U+FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Anything cleanText may have to change besides the ends: controls (tab, newline included), non-ASCII
// whitespace, U+FFFE/U+FFFF, surrogates, double spaces. Most abstracts have none: one scan, no copy.
const SUSPECT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffe\uffff\ud800-\udfff]/;
const DOUBLE_SPACE = / {2}/; // separate from SUSPECT: one alternation makes the scan slower than two

// Whitespace runs other than a lone " ": replacing only these is ~20x faster than /\s+/g on abstracts.
const ODD_WHITESPACE = / \s+|[^\S ]\s*/g;

/**
 * Valid XML 1.0 text on one line: control characters become spaces, lone surrogates U+FFFD,
 * every whitespace run one space, ends trimmed.
 */
export function cleanText(s: string): string {
  if (!SUSPECT.test(s) && !DOUBLE_SPACE.test(s)) return s.trim();
  return s.replace(CONTROL, " ").replace(LONE_SURROGATE, "\ufffd").replace(ODD_WHITESPACE, " ").trim();
}

/** Combining marks for TeX accent commands. */
const ACCENTS: Readonly<Record<string, string>> = {
  '"': "\u0308",
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030c",
  H: "\u030b",
  c: "\u0327",
  k: "\u0328",
  r: "\u030a",
  d: "\u0323",
};

const LETTERS: Readonly<Record<string, string>> = {
  ss: "ß",
  aa: "å",
  AA: "Å",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  o: "ø",
  O: "Ø",
  l: "ł",
  L: "Ł",
  i: "ı",
  j: "ȷ",
};

// {\"u}  {\"{u}}  \"u  \"{u}  \'{\i}: symbol accents, optionally braced.
const SYMBOL_ACCENT =
  /\{\\(["'`^~=.])\s*\{?(\\[ij]|[A-Za-z])\}?\}|\\(["'`^~=.])\s*(?:\{(\\[ij]|[A-Za-z])\}|([A-Za-z]))/g;
// \v{s}  {\v s}  \c{c}: letter accents, only in forms that cannot be a math macro like \vec or \cdot.
const LETTER_ACCENT = /\\([uvHckrd])\{(\\[ij]|[A-Za-z])\}|\{\\([uvHckrd])\s+(\\[ij]|[A-Za-z])\}/g;
// {\o}  {\ss}  \o{}  \AA ngstr: special letters, braced or as a complete control word.
const SPECIAL_LETTER =
  /\{\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)\}|\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L)(?![A-Za-z])(?:\{\}|[ \t]+(?=[A-Za-z]))?/g;

function accented(accent: string | undefined, base: string | undefined): string {
  const letter = base === "\\i" ? "i" : base === "\\j" ? "j" : (base ?? "");
  return letter + (accent === undefined ? "" : (ACCENTS[accent] ?? ""));
}

/**
 * Turns TeX accents in text (`B\"uttiker`, `{\'e}`, `\v{s}`, `{\o}`) into Unicode (NFC).
 * Math such as `$\ln\ln T$` or `$\ell_1$` is left alone: only forms that cannot be math macros match.
 */
export function texAccentsToUnicode(s: string): string {
  if (s.indexOf("\\") === -1) return s;
  const out = s
    .replace(SYMBOL_ACCENT, (_m, a1?: string, b1?: string, a2?: string, b2?: string, b3?: string) =>
      accented(a1 ?? a2, b1 ?? b2 ?? b3),
    )
    .replace(LETTER_ACCENT, (_m, a1?: string, b1?: string, a2?: string, b2?: string) =>
      accented(a1 ?? a2, b1 ?? b2),
    )
    .replace(SPECIAL_LETTER, (m, l1?: string, l2?: string) => LETTERS[l1 ?? l2 ?? ""] ?? m);
  if (out === s) return s;
  // `Fran{\c{c}}ois`: braces left around a converted letter go too (ASCII ones may be math: `x_{i}`).
  return out.normalize("NFC").replace(/\{([\u00a0-\uffff])\}/g, "$1");
}
