/** Where a JSON text first breaks the grammar, and what was found there. */
export interface JsonSyntaxError {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units of that line. */
  column: number;
  /** `"}"`, or `end of file`. */
  found: string;
}

class Stop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Scans `text` as strict JSON and returns where it first goes wrong, or undefined when it is
 * valid. JSON.parse does not say: V8 gives a position for some errors and none for others
 * (`Unexpected token '}', "…" is not valid JSON`), and its wording differs between Node versions.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stop = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  };
  const expect = (char: string) => {
    space();
    if (text.charAt(i) !== char) stop();
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text.charAt(i) !== '"') {
      if (text.charAt(i) === "\\") {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) stop();
        i = ESCAPE.lastIndex;
      } else if (text.charCodeAt(i) < 0x20) stop();
      else i++;
    }
    expect('"');
  };
  const items = (close: string, item: () => void) => {
    i++;
    space();
    for (let first = true; text.charAt(i) !== close; first = false) {
      if (!first) expect(",");
      item();
      space();
    }
    i++;
  };
  const member = () => {
    string();
    expect(":");
    value();
  };
  const scalar = () => {
    NUMBER.lastIndex = i;
    const word = NUMBER.test(text)
      ? text.slice(i, NUMBER.lastIndex)
      : ["true", "false", "null"].find((w) => text.startsWith(w, i));
    if (!word) stop();
    i += word?.length ?? 0;
  };
  const value = (): void => {
    space();
    const char = text.charAt(i);
    if (char === "{") items("}", member);
    else if (char === "[") items("]", value);
    else if (char === '"') string();
    else scalar();
  };
  try {
    value();
    space();
    if (i < text.length) stop();
    return undefined;
  } catch (error) {
    // A RangeError is nesting deeper than the stack: report where the scan got to.
    return at(text, error instanceof Stop ? error.offset : i);
  }
}

function at(text: string, offset: number): JsonSyntaxError {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  const char = text.codePointAt(offset);
  return {
    line,
    column,
    found: char === undefined ? "end of file" : JSON.stringify(String.fromCodePoint(char)),
  };
}
