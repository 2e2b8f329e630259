import type { Paper } from "../model/paper.js";

/**
 * `url` normalised (`new URL(url).href`) when it is an absolute http(s) URL, otherwise
 * `fallback`. Keeps `javascript:` and other schemes out of hrefs, and keeps the `feed` package,
 * which throws on a URL it cannot parse, from failing a whole feed over one bad link.
 */
export function httpUrl(url: string, fallback: string): string {
  if (!URL.canParse(url)) return fallback;
  const parsed = new URL(url);
  return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : fallback;
}

/** The links a rendered item points to, each a valid absolute http(s) URL. */
export interface PaperUrls {
  /** Stable identifier across versions and refreshes: `https://arxiv.org/abs/<id>` (no version). */
  entryId: string;
  abs: string;
  pdf: string;
  html: string;
}

/** The paper's links, falling back to arXiv's canonical URLs for any that are not http(s). */
export function paperUrls(paper: Pick<Paper, "id" | "version" | "links">): PaperUrls {
  const versioned = `${paper.id}v${paper.version}`;
  const entryId = new URL(`https://arxiv.org/abs/${paper.id}`).href;
  return {
    entryId,
    abs: httpUrl(paper.links.abs, entryId),
    pdf: httpUrl(paper.links.pdf, new URL(`https://arxiv.org/pdf/${versioned}`).href),
    html: httpUrl(paper.links.html, new URL(`https://arxiv.org/html/${versioned}`).href),
  };
}

/** Throws a `TypeError` naming `field` unless `url` is an absolute http(s) URL; returns it normalised. */
export function requireHttpUrl(url: string, field: string): string {
  const checked = httpUrl(url, "");
  if (!checked) throw new TypeError(`${field} must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  return checked;
}
