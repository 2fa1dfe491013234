import { UnauthorizedError } from "@tpx/service-kit";
import type { GatewayDeps } from "../deps.ts";
import { decideRefresh } from "../domain/refresh-decision.ts";
import { accessTokenFor, addRefreshToken, hashRefreshToken, type SessionTokens } from "./issue-session.ts";

interface LockedToken {
  id: string;
  family_id: string;
  expires_at: Date;
  rotated_at: Date | null;
  replaced_by: string | null;
  family_revoked_at: Date | null;
  user_id: string;
}

/**
 * Trades a refresh token for a new access token and a new refresh token. The row is locked for the transaction, so
 * two concurrent refreshes with one token are serialised: the first rotates, the second lands in the grace window.
 * Reuse of a rotated token outside that window revokes the whole family (and its access tokens at the gateway).
 */
export async function refreshSession(deps: GatewayDeps, refreshToken: string): Promise<SessionTokens> {
  const now = new Date();
  const outcome = await deps.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<LockedToken[]>(
      `SELECT t.id, t.family_id, t.expires_at, t.rotated_at, t.replaced_by, f.revoked_at AS family_revoked_at, f.user_id
         FROM refresh_token t JOIN token_family f ON f.id = t.family_id
        WHERE t.token_hash = $1 FOR UPDATE OF t, f`,
      hashRefreshToken(refreshToken),
    );
    if (!row) return { kind: "unknown" as const };
    const successor = row.replaced_by
      ? await tx.refreshToken.findUnique({ where: { id: row.replaced_by }, select: { rotatedAt: true } })
      : null;
    const decision = decideRefresh(
      {
        expiresAt: row.expires_at,
        rotatedAt: row.rotated_at,
        familyRevoked: row.family_revoked_at !== null,
        successorUsed: successor?.rotatedAt != null,
      },
      now,
      deps.config.REFRESH_REUSE_GRACE_SECONDS,
    );
    if (decision === "reuse") {
      await tx.tokenFamily.update({
        where: { id: row.family_id },
        data: { revokedAt: now, revokedReason: "reuse_detected" },
      });
      return { kind: "reuse" as const, familyId: row.family_id, userId: row.user_id };
    }
    if (decision !== "rotate" && decision !== "grace-rotate") return { kind: decision };
    if (decision === "grace-rotate" && row.replaced_by) {
      // the successor the client never received stops working; the retried call gets a fresh one
      await tx.refreshToken.update({ where: { id: row.replaced_by }, data: { rotatedAt: now, expiresAt: now } });
    }
    const next = await addRefreshToken(deps, tx, row.family_id, now);
    await tx.refreshToken.update({
      where: { id: row.id },
      data: { rotatedAt: row.rotated_at ?? now, replacedBy: next.id },
    });
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.user_id } });
    const session: SessionTokens = {
      accessToken: await accessTokenFor(deps, user, row.family_id),
      tokenType: "Bearer",
      expiresIn: deps.tokens.ttlSeconds,
      refreshToken: next.token,
      refreshExpiresAt: next.expiresAt.toISOString(),
      sessionId: row.family_id,
    };
    return { kind: "ok" as const, session };
  });
  if (outcome.kind === "ok") return outcome.session;
  if (outcome.kind === "reuse") {
    await deps.revocations.revokeSessions([outcome.familyId]);
    deps.logger.warn({ userId: outcome.userId, familyId: outcome.familyId }, "refresh token reuse: session revoked");
  }
  throw new UnauthorizedError("The refresh token is invalid, expired or revoked.");
}
