import { vi } from "vitest";

/**
 * Everything the process writes through `console` from now on, still printed as usual: for tests
 * that check a secret never appears in the service's output. Call in `beforeAll`.
 */
export function recordConsole(): string[] {
  const seen: string[] = [];
  for (const level of ["log", "info", "warn", "error"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      seen.push(args.map(String).join(" "));
      original(...args);
    });
  }
  return seen;
}
