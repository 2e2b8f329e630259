/**
 * A response body, or undefined once it passes `limit` bytes (announced by Content-Length or
 * counted while streaming; the rest is not read): memory stays bounded whatever a server or
 * proxy sends. Used for arXiv's feeds and the LLM's answers.
 */
export async function readBounded(response: Response, limit: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
