/** The headers of every feedback page: never cached, never indexed, no token leaked by Referer. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "x-frame-options": "DENY",
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** `text` safe in HTML text and in a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/**
 * A paper's arXiv page, built from its id (never a stored URL, so no `javascript:` link can reach
 * a page). The page's Referrer-Policy keeps the token out of arXiv's logs.
 */
export const arxivAbsUrl = (id: string): string => `https://arxiv.org/abs/${encodeURI(id)}`;

/** HTML already escaped: what the page builders pass around. */
export interface Html {
  readonly html: string;
}

const isHtml = (value: unknown): value is Html =>
  typeof value === "object" && value !== null && typeof (value as Html).html === "string";

/**
 * A tagged template that escapes every interpolated value unless it is {@link Html} (arrays are
 * joined), so no page can forget to escape one.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (value: unknown): string => {
    if (Array.isArray(value)) return value.map(part).join("");
    if (isHtml(value)) return value.html;
    if (value === undefined || value === null || value === false) return "";
    return escapeHtml(String(value));
  };
  return {
    html: strings.reduce((out, text, i) => out + text + (i < values.length ? part(values[i]) : ""), ""),
  };
}

/** A whole page in the landing page's style: header, then `main`. */
export function pageDocument(title: string, main: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${title} · arxiv-feeds</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="site-header"><div class="wrap header-inner"><a class="brand" href="/"><img src="/favicon.svg" alt="" width="28" height="28"><span>arxiv-feeds</span></a></div></header>
<main id="main" class="wrap section">
${main}
</main>
</body>
</html>
`.html;
}

/** A page as a response with {@link PAGE_HEADERS}. */
export function pageResponse(
  status: number,
  title: string,
  main: Html,
  headers: Record<string, string> = {},
): Response {
  return new Response(pageDocument(title, main), { status, headers: { ...PAGE_HEADERS, ...headers } });
}
