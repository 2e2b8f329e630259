/**
 * The entries of a comma-separated forwarding header (`x-forwarded-for`, `x-forwarded-host`, …),
 * trimmed, first hop first. Which entry to believe is the caller's rule: only a hop the
 * deployment trusts can have written the last one, or (on Vercel, whose edge replaces the
 * header) the first.
 */
export function forwardedEntries(request: Request, name: string): string[] {
  return (request.headers.get(name) ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}
