/**
 * Backoff and lockout for one account. Below `backoffAfter` failures nothing happens; from there each further failure
 * doubles a short wait (1 s, 2 s, 4 s, ... up to a minute) so online guessing slows down without locking out the owner
 * for a typo; at `lockoutThreshold` consecutive failures the account is locked for `lockoutMinutes`.
 */
export interface LoginThrottlePolicy {
  backoffAfter: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
}

const MAX_BACKOFF_SECONDS = 60;

/** Until when the account refuses logins after `failures` consecutive failures (undefined: not at all). */
export function lockedUntilAfterFailures(policy: LoginThrottlePolicy, failures: number, now: Date): Date | undefined {
  if (failures >= policy.lockoutThreshold) return new Date(now.getTime() + policy.lockoutMinutes * 60_000);
  if (failures < policy.backoffAfter) return undefined;
  const seconds = Math.min(2 ** (failures - policy.backoffAfter), MAX_BACKOFF_SECONDS);
  return new Date(now.getTime() + seconds * 1000);
}

export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
