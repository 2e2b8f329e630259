/** Names of common arXiv categories, for a page to say what a category code means. */
const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  "cs.AI": "Artificial Intelligence",
  "cs.AR": "Hardware Architecture",
  "cs.CL": "Computation and Language",
  "cs.CR": "Cryptography and Security",
  "cs.CV": "Computer Vision and Pattern Recognition",
  "cs.DB": "Databases",
  "cs.DC": "Distributed, Parallel, and Cluster Computing",
  "cs.DS": "Data Structures and Algorithms",
  "cs.HC": "Human-Computer Interaction",
  "cs.IR": "Information Retrieval",
  "cs.LG": "Machine Learning",
  "cs.MA": "Multiagent Systems",
  "cs.NE": "Neural and Evolutionary Computing",
  "cs.NI": "Networking and Internet Architecture",
  "cs.PF": "Performance",
  "cs.PL": "Programming Languages",
  "cs.RO": "Robotics",
  "cs.SE": "Software Engineering",
  "eess.AS": "Audio and Speech Processing",
  "eess.SP": "Signal Processing",
  "math.OC": "Optimization and Control",
  "stat.ML": "Machine Learning (Statistics)",
};

/** The arXiv name of `category` (`cs.LG` → `Machine Learning`), or null when not listed. */
export const categoryName = (category: string): string | null =>
  Object.hasOwn(CATEGORY_NAMES, category) ? (CATEGORY_NAMES[category] ?? null) : null;
