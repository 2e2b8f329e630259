/**
 * True when the request came by one of the reference bot's paths (`/health`, `/config`,
 * `/update-cache`): vercel.json rewrites them with `shape=reference`, since a function cannot
 * see the path it was rewritten from.
 */
export const wantsReferenceShape = (request: Request): boolean =>
  new URL(request.url).searchParams.get("shape") === "reference";
