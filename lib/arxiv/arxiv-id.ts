/** An arXiv identifier as found in a link, guid or description. */
export interface ArxivId {
  /** Without version: `2604.21952`, or old-style `hep-ex/0101001`. */
  id: string;
  /** The `N` of a `vN` suffix; undefined when the text carried no version. */
  version: number | undefined;
}

/**
 * New style `YYMM.NNNN(N)` (2007 on) or old style `archive(.SC)/YYMMNNN`, then an optional `vN`.
 * It must start the text or follow `/`, `:` or whitespace (`abs/`, `arXiv:`, `oai:arXiv.org:`),
 * and must not run on into more word characters.
 */
const ID_PATTERN =
  /(?:^|[\s/:])(?:(\d{4}\.\d{4,5})|([a-z]+(?:-[a-z]+)*)(?:\.[A-Za-z]{2})?\/(\d{7}))(?:v(\d+))?(?![\w.])/;

/**
 * Finds the arXiv identifier in `text` (`arXiv:2604.21952v1`, `http://arxiv.org/abs/2604.21952v1`,
 * `oai:arXiv.org:hep-ex/0101001v2`, `math.GT/0309136`). Old-style ids lose their subject class
 * (`math.GT/0309136` becomes `math/0309136`), which arXiv documents as the canonical form.
 */
export function parseArxivId(text: string): ArxivId | undefined {
  const m = ID_PATTERN.exec(text);
  if (!m) return undefined;
  const id = m[1] ?? `${m[2]}/${m[3]}`;
  const version = m[4] === undefined ? undefined : Number(m[4]);
  return {
    id,
    version: version !== undefined && version > 0 && Number.isSafeInteger(version) ? version : undefined,
  };
}

/** The abs page (versionless, always the latest) and the PDF and HTML of exactly this version. */
export function arxivLinks(id: string, version: number): { abs: string; pdf: string; html: string } {
  return {
    abs: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}v${version}`,
    html: `https://arxiv.org/html/${id}v${version}`,
  };
}
