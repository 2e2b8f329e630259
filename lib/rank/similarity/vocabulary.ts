/**
 * Numbers for terms, so a ranking's weights live in typed arrays indexed by term rather than in
 * maps: a week's window is ~7,000 papers of ~100 terms each, read on every personal request.
 */
export class Vocabulary {
  private ids = new Map<string, number>();
  private current = 0;

  /** @param limit Terms kept before `renew` starts afresh (bounds memory under hostile text). */
  constructor(private readonly limit: number) {}

  /** Changes whenever ids are handed out anew: an id is only valid with the generation it came from. */
  get generation(): number {
    return this.current;
  }

  /** Terms numbered so far; every id is below it. */
  get size(): number {
    return this.ids.size;
  }

  /** The id of `term`, numbering it if new. */
  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
    }
    return id;
  }

  /**
   * Starts a new numbering when the old one has passed its limit. Called only between rankings,
   * so the ids of one ranking all come from one generation (it may pass the limit by what one
   * ranking's papers add, which the field caps bound).
   */
  renew(): void {
    if (this.ids.size <= this.limit) return;
    this.ids = new Map();
    this.current++;
  }
}
