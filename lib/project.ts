/**
 * The project's public home and documentation (the OpenAPI document links it). A deployment on
 * Vercel names the repository it was built from to arXiv instead (`deployedRepositoryUrl`), so a
 * fork changes only the README's Deploy button.
 */
export const REPOSITORY_URL = "https://github.com/arxiv-feeds/arxiv-feeds";

export const PROJECT_NAME = "arxiv-feeds";
export const PROJECT_VERSION = "0.1.0";

/** The User-Agent sent to arXiv, as arXiv asks of automated clients: name, version, home. */
export const userAgentFor = (repositoryUrl: string): string =>
  `${PROJECT_NAME}/${PROJECT_VERSION} (+${repositoryUrl})`;

/** The User-Agent of a deployment that does not say where it was built from. */
export const USER_AGENT = userAgentFor(REPOSITORY_URL);
