/**
 * Spaces requests to arXiv at least `minIntervalMs` apart (arXiv asks for one request every
 * three seconds). Safe under concurrency: callers queue, and each measures its interval from the
 * moment the previous one actually went, so parallel summary workers fetching HTML pages go one
 * by one, and a late timer on a busy machine only ever widens the gap. One gate per refresh.
 */
export class RequestGate {
  private last = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly minIntervalMs: number) {}

  /** Resolves when this caller may send its request. */
  wait(): Promise<void> {
    const turn = this.queue.then(async () => {
      const delay = this.last + this.minIntervalMs - Date.now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      this.last = Date.now();
    });
    this.queue = turn;
    return turn;
  }
}
