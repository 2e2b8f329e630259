import { readBounded } from "../arxiv/read-bounded.js";
import type { RequestGate } from "../arxiv/request-gate.js";
import type { Paper } from "../model/paper.js";
import { USER_AGENT } from "../project.js";
import { xmlText } from "../render/xml-text.js";
import { htmlToText, NON_TEXT_TAGS } from "./html-text.js";
import type { PaperContent } from "./prompt.js";
import { safeUrl } from "./redact.js";

/** Where and how to read a paper's arXiv HTML version. */
export interface PaperTextOptions {
  /** `abstract`: the abstract only; `html`: the HTML full text, the abstract when there is none. */
  source: "abstract" | "html";
  /** Most characters of full text kept (`max_input_tokens` × 4). */
  maxChars: number;
  /** Timeout of the HTML request, ms. */
  timeoutMs: number;
  /** `fetch` to use (default: the global one). */
  fetchImpl?: typeof fetch;
  /**
   * Origin to fetch HTML versions from instead of the one in `paper.links.html`
   * (`http://127.0.0.1:8080` in tests, a mirror elsewhere); the path is kept.
   */
  htmlBaseUrl?: string;
  /** Spaces the HTML requests of a run like every other request to arXiv. */
  gate?: RequestGate;
  /** User-Agent naming the deployment (default: the project's). */
  userAgent?: string;
  /** Largest page read, bytes (default MAX_HTML_BYTES); a larger one is not read on. */
  maxBytes?: number;
}

/**
 * Largest HTML version read, bytes. Papers heavy with MathML reach a few MB; past this a page is
 * not read on (it would be cut to `maxChars` anyway), and the abstract is used.
 */
export const MAX_HTML_BYTES = 20 * 1024 * 1024;

/** What the model will read, and why it is the abstract when HTML was asked for. */
export interface PaperText extends PaperContent {
  /** Set when `html` was asked for but the abstract is used: `404`, `timeout`, `empty`, … */
  fallback?: string;
}

/** Elements of an arXiv (LaTeXML) page that are not the paper's prose. */
const SKIP_TAGS = new Set([
  ...NON_TEXT_TAGS,
  "nav",
  "header",
  "footer",
  "form",
  "annotation",
  "annotation-xml",
  "img",
]);
const SKIP_CLASSES = [
  "ltx_page_header",
  "ltx_page_footer",
  "ltx_bibliography",
  "ltx_authors",
  "ltx_dates",
  "ltx_role_affiliation",
  "ltx_tag_note",
  "package-alerts",
  "html-header-nav",
];

/** The text of an arXiv HTML page: the article's prose, math as its TeX alt text, no page chrome or references. */
export function reduceArxivHtml(html: string): string {
  return htmlToText(html, {
    skipTags: SKIP_TAGS,
    skipClasses: SKIP_CLASSES,
    preferArticle: true,
    mathAltText: true,
  });
}

/** Cuts text to at most `maxChars`, at a word boundary when one is near. */
export function trimToChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.search(/\s\S*$/);
  return (space > maxChars * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}

/** URL of a paper's HTML version, on `baseUrl`'s origin when given. */
export function htmlUrlFor(paper: Pick<Paper, "id" | "version" | "links">, baseUrl?: string): string {
  const own = paper.links.html || `https://arxiv.org/html/${paper.id}v${paper.version}`;
  if (!baseUrl) return own;
  const path = new URL(own).pathname;
  return new URL(path, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
}

/**
 * What the model reads about a paper. For `source: "html"` fetches the arXiv HTML version,
 * reduces it to text and trims it; a 404 (no HTML version), any other failure, or a page with no
 * text falls back to the abstract. Never throws.
 */
export async function loadPaperText(
  paper: Pick<Paper, "id" | "version" | "abstract" | "links">,
  options: PaperTextOptions,
): Promise<PaperText> {
  const abstract = xmlText(paper.abstract);
  if (options.source === "abstract") return { kind: "abstract", text: abstract };
  const fetchImpl = options.fetchImpl ?? fetch;
  let url: string;
  try {
    url = htmlUrlFor(paper, options.htmlBaseUrl);
  } catch {
    return { kind: "abstract", text: abstract, fallback: "bad HTML link" };
  }
  await options.gate?.wait();
  try {
    const response = await fetchImpl(url, {
      headers: { accept: "text/html", "user-agent": options.userAgent ?? USER_AGENT },
      redirect: "follow",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: "abstract", text: abstract, fallback: `${response.status} from ${safeUrl(url)}` };
    }
    const limit = options.maxBytes ?? MAX_HTML_BYTES;
    const body = await readBounded(response, limit);
    if (body === undefined)
      return { kind: "abstract", text: abstract, fallback: `HTML version larger than ${limit} bytes` };
    const text = trimToChars(xmlText(reduceArxivHtml(body.toString("utf8"))), options.maxChars);
    // A page with less text than the abstract is a stub or an error page.
    if (text.length <= abstract.length)
      return { kind: "abstract", text: abstract, fallback: "HTML version has no text" };
    return { kind: "html", text };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "fetch failed";
    return { kind: "abstract", text: abstract, fallback: `${reason} for ${safeUrl(url)}` };
  }
}
