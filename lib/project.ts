/** The project's public home. A fork changes this one line (and the README's Deploy button). */
export const REPOSITORY_URL = "https://github.com/arxiv-feeds/arxiv-feeds";

export const PROJECT_NAME = "arxiv-feeds";
export const PROJECT_VERSION = "0.1.0";

/** Sent with every request to arXiv, as arXiv asks of automated clients. */
export const USER_AGENT = `${PROJECT_NAME}/${PROJECT_VERSION} (+${REPOSITORY_URL})`;
