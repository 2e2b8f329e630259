import { constants } from "node:os";

/** A command stopped by a signal: Ctrl-C (SIGINT) or a service manager's SIGTERM. */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  constructor(readonly signal: "SIGINT" | "SIGTERM") {
    super(`interrupted by ${signal}`);
  }
}

/** The shell's exit status for death by `signal`: 128 + its number (130 for SIGINT). */
export const exitStatusOf = (signal: Interrupted["signal"]): number => 128 + constants.signals[signal];

/** Repeats of a signal within this long are the same Ctrl-C passed on by npm and tsx, ms. */
const REPEAT_MS = 1000;

/**
 * A signal that aborts with an `Interrupted` on the first SIGINT or SIGTERM, so the work under
 * way (a refresh and its lock) can let go before the process ends. The handlers stay installed
 * (without one, tsx's child would exit at once on a relayed copy); a signal more than a second
 * after the first ends the process at once, as a second Ctrl-C should.
 */
export function abortOnSignals(): AbortSignal {
  const controller = new AbortController();
  let first: number | undefined;
  const onSignal = (name: Interrupted["signal"]) => {
    if (first === undefined) {
      first = Date.now();
      controller.abort(new Interrupted(name));
    } else if (Date.now() - first > REPEAT_MS) process.exit(exitStatusOf(name));
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  return controller.signal;
}
