/**
 * What presenting a refresh token means (RFC 9700 §4.14.2 rotation with reuse detection): a current token rotates;
 * a token rotated a moment ago is a retried concurrent refresh (FAPI 2.0: a lost response must not log the user out)
 * as long as its successor has not been used yet; anything else that was already rotated is reuse, and the whole
 * family is revoked because the server cannot tell the thief from the client.
 */
export interface RefreshTokenState {
  expiresAt: Date;
  rotatedAt: Date | null;
  familyRevoked: boolean;
  /** Whether the token that replaced this one has itself been used. */
  successorUsed: boolean;
}

export type RefreshDecision = "rotate" | "grace-rotate" | "reuse" | "expired" | "revoked";

export function decideRefresh(state: RefreshTokenState, now: Date, graceSeconds: number): RefreshDecision {
  if (state.familyRevoked) return "revoked";
  if (state.rotatedAt === null) return state.expiresAt <= now ? "expired" : "rotate";
  const sinceRotation = now.getTime() - state.rotatedAt.getTime();
  if (sinceRotation <= graceSeconds * 1000 && !state.successorUsed && state.expiresAt > now) return "grace-rotate";
  return "reuse";
}
