/**
 * Spaces requests to arXiv at least `minIntervalMs` apart (arXiv asks for one request every
 * three seconds). Safe under concurrency: each caller takes the next free slot at once, so
 * parallel summary workers fetching HTML pages queue behind each other instead of all waking
 * at the same moment. One gate per refresh.
 */
export class RequestGate {
  private next = Number.NEGATIVE_INFINITY;
  constructor(private readonly minIntervalMs: number) {}

  /** Resolves when this caller may send its request. */
  async wait(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.next);
    this.next = slot + this.minIntervalMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}
