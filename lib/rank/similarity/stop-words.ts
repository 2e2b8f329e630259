/**
 * English function words, dropped before stemming: they say nothing about a paper's topic, and
 * idf alone would still give each of them a little weight in every vector. Only grammar words
 * are here, no research vocabulary ("model", "learning"): idf weighs those by how common they are
 * in the window, which knows the field better than a fixed list would.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each either else etc even ever
  every few for from further had has have having he her here hers herself him himself his how however
  i if in into is it its itself just may me might more most much must my myself no nor not now of off
  often on once one only onto or other others otherwise our ours ourselves out over own per rather
  same shall she should since so some such than that the their theirs them themselves then there
  these they this those though through thus to too toward towards under until up upon us very via was
  we were what whatever when where whereas whether which while who whom whose why will with within
  without would yet you your yours yourself yourselves`.split(/\s+/),
);
