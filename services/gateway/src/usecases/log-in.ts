import { HttpProblem, UnauthorizedError } from "@tpx/service-kit";
import type { GatewayDeps } from "../deps.ts";
import { lockedUntilAfterFailures, secondsUntil } from "../domain/login-throttle.ts";
import { issueSession, type SessionTokens } from "./issue-session.ts";
import { normaliseEmail } from "./sign-up.ts";
import { toUserView, type UserView } from "./user-view.ts";

const BACKOFF_AFTER_FAILURES = 3;

export class AccountLockedError extends HttpProblem {
  override name = "AccountLockedError";
  constructor(retryAfterSeconds: number) {
    super(429, "LOGIN_THROTTLED", "Too many failed logins", "Wait before trying to log in again.", {
      retryAfterSeconds,
    });
  }
}

/**
 * Checks e-mail and password. Failures count per account: a few are free, then each one doubles a short backoff,
 * and at the threshold the account locks for a while. While throttled the password is not even checked, so a
 * locked account costs no hashing. Unknown e-mails cost the same hash time and give the same answer.
 */
export async function logIn(
  deps: GatewayDeps,
  input: { email: string; password: string },
): Promise<{ user: UserView; session: SessionTokens }> {
  const now = new Date();
  const user = await deps.db.user.findUnique({ where: { email: normaliseEmail(input.email) } });
  if (user?.lockedUntil && user.lockedUntil > now) throw new AccountLockedError(secondsUntil(user.lockedUntil, now));
  const valid = await deps.hasher.verify(user?.passwordHash, input.password);
  if (!user || !valid) {
    if (user) await recordFailure(deps, user.id, now);
    throw new UnauthorizedError("The e-mail address or password is wrong.");
  }
  return deps.db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    return { user: toUserView(updated), session: await issueSession(deps, tx, updated, now) };
  });
}

async function recordFailure(deps: GatewayDeps, userId: string, now: Date): Promise<void> {
  // one atomic increment, so concurrent wrong guesses all count
  const [row] = await deps.db.$queryRawUnsafe<{ failed_login_count: number }[]>(
    "UPDATE app_user SET failed_login_count = failed_login_count + 1 WHERE id = $1::uuid RETURNING failed_login_count",
    userId,
  );
  if (!row) return;
  const lockedUntil = lockedUntilAfterFailures(
    {
      backoffAfter: BACKOFF_AFTER_FAILURES,
      lockoutThreshold: deps.config.LOGIN_LOCKOUT_THRESHOLD,
      lockoutMinutes: deps.config.LOGIN_LOCKOUT_MINUTES,
    },
    row.failed_login_count,
    now,
  );
  if (lockedUntil) {
    await deps.db.user.update({ where: { id: userId }, data: { lockedUntil } });
    if (row.failed_login_count === deps.config.LOGIN_LOCKOUT_THRESHOLD) {
      deps.logger.warn({ userId, failures: row.failed_login_count }, "account locked after repeated failed logins");
    }
  }
}
