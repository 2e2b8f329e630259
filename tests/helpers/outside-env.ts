/**
 * The environment for the other programs a test starts (redis-server, Chromium): the suite's
 * own, less libfaketime's preload. CI runs the suite under `faketime` to prove that our code
 * holds on any date; those programs only need a working clock (libfaketime breaks both) and
 * their own notion of time never reaches a test's outcome.
 */
export function outsideEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.startsWith("FAKETIME")) continue;
    if (key === "LD_PRELOAD") {
      const others = value.split(/[:\s]+/).filter((lib) => lib && !lib.includes("faketime"));
      if (others.length) kept[key] = others.join(":");
      continue;
    }
    kept[key] = value;
  }
  return kept;
}
