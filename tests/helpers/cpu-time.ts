/**
 * Work measured as this process's CPU time (user + system), not wall time: on a loaded machine
 * (CI runs three suites side by side on two cores) a test waits for a core, and that wait is
 * not work. Still only for bounds with wide margins, or for ratios of two sizes of one input.
 */

/** CPU milliseconds `run` costs, with what it returned. */
export function cpuTimed<T>(run: () => T): { ms: number; result: T } {
  const before = process.cpuUsage();
  const result = run();
  const { user, system } = process.cpuUsage(before);
  return { ms: (user + system) / 1000, result };
}

/** The least CPU milliseconds of `runs` runs of `run` (a collection or a page fault falls out). */
export function bestCpuMs(run: () => void, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuTimed(run).ms);
  return best;
}

/**
 * How many times more CPU `large` costs than `small` (best of `runs` each, `small` floored at
 * 0.05 ms so a tiny input cannot make the ratio explode). A linear reader of an input k times
 * longer gives about k; a quadratic one k².
 */
export function cpuGrowth(small: () => void, large: () => void, runs = 3): number {
  bestCpuMs(small, 1); // warm: the first call compiles
  return bestCpuMs(large, runs) / Math.max(bestCpuMs(small, runs), 0.05);
}
