/** One scored partner before it is ranked. */
export interface Scored {
  partnerId: string;
  score: number;
  pcrScore: number | null;
}

/**
 * Higher score first; on equal (4-decimal) scores the higher PCR wins (SPEC section 5: PCR is the tie-breaker), a
 * partner without a PCR after one with it; the partner id keeps the order total so the same data ranks the same way.
 */
export function compareRanked(a: Scored, b: Scored): number {
  if (a.score !== b.score) return b.score - a.score;
  const pa = a.pcrScore ?? -1;
  const pb = b.pcrScore ?? -1;
  if (pa !== pb) return pb - pa;
  return a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0;
}

/**
 * The best `n` items in ranking order without sorting everything: keeps a sorted buffer of n, so choosing the top 10
 * of 20,000 candidates costs about one comparison per candidate.
 */
export class TopN<T extends Scored> {
  private readonly limit: number;
  private readonly items: T[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Whether a candidate with this score could still enter, to skip building it when it cannot. */
  admits(candidate: Scored): boolean {
    if (this.items.length < this.limit) return true;
    const worst = this.items[this.items.length - 1];
    return worst !== undefined && compareRanked(candidate, worst) < 0;
  }

  offer(candidate: T): void {
    if (this.limit <= 0 || !this.admits(candidate)) return;
    let index = this.items.length;
    while (index > 0 && compareRanked(candidate, this.items[index - 1] as T) < 0) index--;
    this.items.splice(index, 0, candidate);
    if (this.items.length > this.limit) this.items.pop();
  }

  ranked(): T[] {
    return [...this.items];
  }
}
