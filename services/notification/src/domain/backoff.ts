/** Random number in [0, 1); injectable so tests can pin the jitter. */
export type Random = () => number;

/**
 * Delay before the next attempt of a message: exponential (base, 2x, 4x ...) with +-20% jitter so a provider outage
 * does not turn into a synchronized burst when it ends. `attempt` is the number of attempts made so far (>= 1).
 */
export function messageRetryDelay(attempt: number, baseMs: number, random: Random = Math.random): number {
  const exponential = baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 20);
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/**
 * Delay before webhook attempt number `attemptsDone + 1` on the Svix-style schedule, +-10% jitter; undefined when
 * the schedule is exhausted (the delivery has failed for good).
 */
export function webhookRetryDelay(
  schedule: readonly number[],
  attemptsDone: number,
  random: Random = Math.random,
): number | undefined {
  const base = schedule[attemptsDone];
  if (base === undefined) return undefined;
  return Math.round(base * (0.9 + 0.2 * random()));
}
