import type { GatewayDeps } from "../deps.ts";
import { hashRefreshToken } from "./issue-session.ts";

/** Ends a session: its refresh tokens stop working and its access tokens are refused at the gateway. */
export async function logOut(deps: GatewayDeps, by: { sessionId?: string; refreshToken?: string }): Promise<void> {
  let familyId = by.sessionId;
  if (!familyId && by.refreshToken) {
    const token = await deps.db.refreshToken.findUnique({
      where: { tokenHash: hashRefreshToken(by.refreshToken) },
      select: { familyId: true },
    });
    familyId = token?.familyId;
  }
  if (!familyId) return;
  await deps.db.tokenFamily.updateMany({
    where: { id: familyId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: "logout" },
  });
  await deps.revocations.revokeSessions([familyId]);
}
