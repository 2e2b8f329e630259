/*
 * Simple TeX math in arXiv titles and abstracts (`L$^3$`, `$\ell_1$`, `$O(n \log n)$`) as Unicode
 * text (`L³`, `ℓ₁`, `O(n log n)`). A math span is converted whole or kept exactly as written, so no
 * information is lost; text outside math is never touched. One pass, linear in the input.
 */
import {
  ALPHABETS,
  COMBINING_ACCENTS,
  SUBSCRIPTS,
  SUPERSCRIPTS,
  SYMBOLS,
  WORD_OPERATORS,
} from "./tex-tables.js";

/** Thrown inside the converter when a math span has something it cannot show; never escapes. */
class Unconvertible extends Error {}

/** Deepest brace nesting converted (deeper spans are kept as written; also bounds the recursion). */
const MAX_DEPTH = 20;

/** Escaped characters (`\%`) and spacing commands (`\,`) of math mode. */
const ESCAPES: Readonly<Record<string, string>> = {
  "%": "%",
  "&": "&",
  "#": "#",
  _: "_",
  "{": "{",
  "}": "}",
  $: "$",
  "|": "‖",
  ",": " ",
  ";": " ",
  ":": " ",
  " ": " ",
  "!": "",
};

/** Commands whose argument is shown as it is (the font is lost, the text is not). */
const FONT_WRAPPERS = new Set([
  "mathrm",
  "text",
  "textrm",
  "textit",
  "textbf",
  "textsf",
  "texttt",
  "mathit",
  "mathbf",
  "mathsf",
  "mathtt",
  "mathnormal",
  "operatorname",
  "boldsymbol",
  "bm",
  "emph",
]);

const FRACTIONS = new Set(["frac", "tfrac", "dfrac"]);

/** One character (code point), so `x` or `α` needs no brackets in `√x` or `a/b`. */
const isOneChar = (text: string) => [...text].length === 1;
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Converts one math span's source (without its `$`s); throws `Unconvertible`. */
class MathReader {
  private at = 0;
  constructor(private readonly source: string) {}

  read(): string {
    const text = this.sequence(0);
    if (this.at < this.source.length) throw new Unconvertible();
    return text;
  }

  /** Tokens up to the end or the `}` closing the current group (left for the caller). */
  private sequence(depth: number): string {
    if (depth > MAX_DEPTH) throw new Unconvertible();
    let out = "";
    while (this.at < this.source.length) {
      const char = this.source[this.at] ?? "";
      if (char === "}") {
        if (depth === 0) throw new Unconvertible();
        return out;
      }
      if (/\s/.test(char)) {
        this.at++;
        if (!out.endsWith(" ")) out += " ";
      } else if (char === "^" || char === "_") {
        this.at++;
        out += script(this.argument(depth), char === "^" ? SUPERSCRIPTS : SUBSCRIPTS);
      } else if (char === "{") {
        out += this.group(depth);
      } else if (char === "\\") {
        out += this.command(depth, out);
      } else if (char === "~") {
        this.at++;
        out += " ";
      } else if ("&%#".includes(char)) {
        throw new Unconvertible();
      } else {
        const point = String.fromCodePoint(this.source.codePointAt(this.at) ?? 0);
        this.at += point.length;
        out += point;
      }
    }
    if (depth > 0) throw new Unconvertible();
    return out;
  }

  /** `{…}` at the cursor, converted. */
  private group(depth: number): string {
    this.at++;
    const text = this.sequence(depth + 1);
    if (this.source[this.at] !== "}") throw new Unconvertible();
    this.at++;
    return text;
  }

  /** A command's or script's argument: a group, a command, or one character. */
  private argument(depth: number): string {
    while (this.source[this.at] === " ") this.at++;
    const char = this.source[this.at];
    if (char === undefined || char === "}" || char === "^" || char === "_") throw new Unconvertible();
    if (char === "{") return this.group(depth);
    if (char === "\\") return this.command(depth, "");
    const point = String.fromCodePoint(this.source.codePointAt(this.at) ?? 0);
    this.at += point.length;
    return point;
  }

  /** A command at the cursor (`\alpha`, `\log`, `\frac{a}{b}`, `\%`); `before` is the text so far. */
  private command(depth: number, before: string): string {
    this.at++;
    const name =
      /^[A-Za-z]+/.exec(this.source.slice(this.at, this.at + 32))?.[0] ?? this.source[this.at] ?? "";
    if (!name) throw new Unconvertible();
    this.at += name.length;
    if (name.length === 1 && !/[A-Za-z]/.test(name)) {
      const escaped = ESCAPES[name];
      if (escaped === undefined) throw new Unconvertible();
      return escaped;
    }
    // TeX ends a command word at the first non-letter and skips the spaces after it.
    while (this.source[this.at] === " ") this.at++;
    return this.named(name, depth, before);
  }

  private named(name: string, depth: number, before: string): string {
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) return symbol;
    if (WORD_OPERATORS.has(name)) {
      const space = (wanted: boolean) => (wanted ? " " : "");
      return `${space(isWordChar(before.at(-1)))}${name}${space(isWordChar(this.source[this.at]) || this.source[this.at] === "\\")}`;
    }
    if (FONT_WRAPPERS.has(name)) return this.argument(depth);
    const alphabet = ALPHABETS[name];
    if (alphabet) return mapEach(this.argument(depth), alphabet);
    const accent = COMBINING_ACCENTS[name];
    if (accent !== undefined) {
      const base = this.argument(depth);
      if (!isOneChar(base)) throw new Unconvertible();
      return base + accent;
    }
    if (name === "sqrt") {
      if (this.source[this.at] === "[") throw new Unconvertible();
      return `√${bracketed(this.argument(depth))}`;
    }
    if (FRACTIONS.has(name)) {
      const numerator = this.argument(depth);
      return `${bracketed(numerator)}/${bracketed(this.argument(depth))}`;
    }
    if (name === "left" || name === "right") {
      // `\left.` is an invisible delimiter; the others are read as ordinary tokens.
      if (this.source[this.at] === ".") this.at++;
      return "";
    }
    throw new Unconvertible();
  }
}

/** `text` with each character replaced from `table`; throws when one has no entry. */
function mapEach(text: string, table: Readonly<Record<string, string>>): string {
  let out = "";
  for (const char of text) {
    const mapped = table[char];
    if (mapped === undefined) throw new Unconvertible();
    out += mapped;
  }
  return out;
}

/** A super- or subscript in Unicode (`°` for a degree sign); throws when a character has none. */
function script(text: string, table: Readonly<Record<string, string>>): string {
  if (table === SUPERSCRIPTS && text === "∘") return "°";
  return mapEach(text.trim(), table);
}

const bracketed = (text: string) => (isOneChar(text) || /^[\p{L}\p{N}]+$/u.test(text) ? text : `(${text})`);

/** A math span's source converted, or undefined when any of it cannot be shown as text. */
function convertMath(source: string): string | undefined {
  try {
    const text = new MathReader(source).read().trim();
    return text || undefined;
  } catch (error) {
    if (error instanceof Unconvertible) return undefined;
    throw error;
  }
}

/** Index of the next unescaped `delimiter` in `text` from `from`, or -1. */
function closingAt(text: string, from: number, delimiter: "$" | "$$"): number {
  for (let at = from; at < text.length; at++) {
    if (text[at] === "\\") at++;
    else if (text.startsWith(delimiter, at)) return at;
  }
  return -1;
}

/**
 * `text` with each simple TeX math span (`$…$`, `$$…$$`) shown as Unicode text; a span that
 * cannot be shown whole, an unclosed `$` and everything outside math stay exactly as written.
 */
export function texText(text: string): string {
  if (!text.includes("$")) return text;
  let out = "";
  let at = 0;
  while (at < text.length) {
    const open = closingAt(text, at, "$");
    if (open < 0) break;
    const delimiter = text.startsWith("$$", open) ? "$$" : "$";
    const start = open + delimiter.length;
    const close = closingAt(text, start, delimiter);
    if (close < 0) break;
    const converted = convertMath(text.slice(start, close));
    out += text.slice(at, open) + (converted ?? text.slice(open, close + delimiter.length));
    at = close + delimiter.length;
  }
  return out + text.slice(at);
}

/** `paper` with its title and abstract as readers see them (`texText`); the stored text is unchanged. */
export function readableTex<T extends { title: string; abstract: string }>(paper: T): T {
  return { ...paper, title: texText(paper.title), abstract: texText(paper.abstract) };
}
