/**
 * A per-provider send rate limit: `ratePerSecond` tokens refill continuously, at most one second's worth is kept,
 * so a backlog drains at the provider's rate instead of in a burst it would reject.
 */
export class TokenBucket {
  private readonly ratePerSecond: number;
  private tokens: number;
  private last: number;

  constructor(ratePerSecond: number, now: number) {
    this.ratePerSecond = ratePerSecond;
    this.tokens = ratePerSecond;
    this.last = now;
  }

  /** Takes up to `wanted` whole tokens; returns how many were granted. */
  take(wanted: number, now: number): number {
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    const granted = Math.max(0, Math.min(wanted, Math.floor(this.tokens)));
    this.tokens -= granted;
    return granted;
  }

  /** Gives back tokens that were taken but not used. */
  refund(count: number): void {
    this.tokens = Math.min(this.ratePerSecond, this.tokens + count);
  }
}
