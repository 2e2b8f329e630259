/**
 * arXiv's category taxonomy (https://arxiv.org/category_taxonomy): every archive and category
 * a feed can follow, so a typo in config.json fails when the file is read, not at fetch time.
 * Archives (`cs`, `math`, …) are listed too: arXiv serves a feed for each.
 */
const TAXONOMY: Readonly<Record<string, readonly string[]>> = {
  cs: "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL RO SC SD SE SI SY".split(
    " ",
  ),
  econ: ["EM", "GN", "TH"],
  eess: ["AS", "IV", "SP", "SY"],
  math: "AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST".split(
    " ",
  ),
  "astro-ph": ["CO", "EP", "GA", "HE", "IM", "SR"],
  "cond-mat": "dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con".split(" "),
  "gr-qc": [],
  "hep-ex": [],
  "hep-lat": [],
  "hep-ph": [],
  "hep-th": [],
  "math-ph": [],
  nlin: ["AO", "CD", "CG", "PS", "SI"],
  "nucl-ex": [],
  "nucl-th": [],
  physics:
    "acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph".split(
      " ",
    ),
  "quant-ph": [],
  "q-bio": ["BM", "CB", "GN", "MN", "NC", "OT", "PE", "QM", "SC", "TO"],
  "q-fin": ["CP", "EC", "GN", "MF", "PM", "PR", "RM", "ST", "TR"],
  stat: ["AP", "CO", "ME", "ML", "OT", "TH"],
};

/** Every valid name, archives first within each archive: `cs`, `cs.AI`, …, `stat.TH`. */
export const ARXIV_CATEGORIES: readonly string[] = Object.entries(TAXONOMY).flatMap(([archive, subs]) => [
  archive,
  ...subs.map((sub) => `${archive}.${sub}`),
]);

const VALID = new Set(ARXIV_CATEGORIES);

/** Whether `name` is an arXiv archive or category, exactly as arXiv spells it. */
export const isArxivCategory = (name: string): boolean => VALID.has(name);

/** Letters and digits only, lower-cased: `cslg`, `cs.lg` and `cs.LG` all compare as `cslg`. */
const folded = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Levenshtein distance (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      next.push(Math.min(substitution, (row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** The `count` valid categories nearest to `name` (case and punctuation ignored), nearest first. */
export function nearestCategories(name: string, count = 3): string[] {
  const target = folded(name).slice(0, 40);
  return ARXIV_CATEGORIES.map((category) => ({ category, d: distance(target, folded(category)) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, count)
    .map(({ category }) => category);
}
