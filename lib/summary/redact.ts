/**
 * Removes secrets from a message before it reaches a log or an error list: the given values,
 * bearer tokens, and `sk-…` style API keys.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.replaceAll(secret, "***");
  }
  return out.replace(/\bBearer\s+[^\s"',]+/gi, "Bearer ***").replace(/\bsk-[A-Za-z0-9_-]{6,}/g, "sk-***");
}

/** A URL without credentials, query or fragment, for messages (`https://host/v1`). */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`.replace(/\/$/, "");
  } catch {
    return "(invalid URL)";
  }
}
