/** Fields that identify a duplicate paper (the reference's `deduplication_methods`). */
export type DedupeMethod = "id" | "title" | "link";

interface Identifiable {
  id: string;
  title: string;
  links: { abs: string };
}

const normaliseTitle = (title: string) => title.trim().toLowerCase().replace(/\s+/g, " ");
// The abs link without version, so v1 and v2 of a paper count as one.
const normaliseLink = (link: string) =>
  link
    .trim()
    .replace(/^http:/, "https:")
    .replace(/v\d+$/, "");

/**
 * Keeps the first of each group of papers that share an id, normalised title or link (at most
 * `most` of them). A dropped
 * paper's keys still count, so duplicates are found transitively (A~B by title, B~C by id).
 */
export function dedupePapers<T extends Identifiable>(
  papers: readonly T[],
  methods: readonly DedupeMethod[],
  /** Stop once this many are kept: later papers cannot change which come first. */
  most = Number.POSITIVE_INFINITY,
): T[] {
  const seen = { id: new Set<string>(), title: new Set<string>(), link: new Set<string>() };
  const keyOf = {
    id: (p: T) => p.id,
    title: (p: T) => normaliseTitle(p.title),
    link: (p: T) => normaliseLink(p.links.abs),
  };
  const kept: T[] = [];
  for (const paper of papers) {
    if (kept.length >= most) break;
    const keys = methods.map((method) => [method, keyOf[method](paper)] as const);
    const duplicate = keys.some(([method, key]) => seen[method].has(key));
    for (const [method, key] of keys) seen[method].add(key);
    if (!duplicate) kept.push(paper);
  }
  return kept;
}
