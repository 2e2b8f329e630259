/**
 * What the CLI says when no category could be fetched: the host it tried (from ARXIV_BASE_URL,
 * never its credentials) and the two things to check.
 */
export function arxivUnreachable(baseUrl: string): string {
  let host: string;
  try {
    host = new URL(baseUrl).host;
  } catch {
    host = "an invalid ARXIV_BASE_URL";
  }
  return `arXiv could not be reached at ${host}: check the network connection, or ARXIV_BASE_URL if it is set`;
}
