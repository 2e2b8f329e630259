/** Why a document could not be read as an arXiv feed. */
export type ArxivParseErrorKind =
  /** Not well-formed XML: truncated, mismatched tags, unescaped `&`, nesting too deep, hostile DOCTYPE. */
  | "malformed"
  /** Well-formed, but not an RSS 2.0, Atom or RDF feed (an HTML error page, an arXiv API error entry). */
  | "not-a-feed"
  /** Larger than `MAX_FEED_SIZE`; refused without parsing. */
  | "too-large";

/** An arXiv response that is not a usable feed. The message says what is wrong and where. */
export class ArxivParseError extends Error {
  override readonly name = "ArxivParseError";
  readonly kind: ArxivParseErrorKind;

  constructor(kind: ArxivParseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
