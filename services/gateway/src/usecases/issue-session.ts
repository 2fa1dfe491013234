import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Tx } from "../db.ts";
import type { GatewayDeps } from "../deps.ts";
import type { Prisma, User } from "../generated/prisma/client.ts";
import { roleOf } from "./user-view.ts";

export interface SessionTokens {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  sessionId: string;
}

/** 256 bits from a CSPRNG; only its SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function accessTokenFor(deps: GatewayDeps, user: User, sessionId: string): Promise<string> {
  return deps.tokens.sign({
    userId: user.id,
    role: roleOf(user),
    partnerId: user.partnerId,
    contractorId: user.role === "CONTRACTOR" ? user.id : undefined,
    sessionId,
  });
}

/** Adds a refresh token to a family inside `tx`; returns the plain token. */
export async function addRefreshToken(
  deps: GatewayDeps,
  tx: Tx | Prisma.TransactionClient,
  familyId: string,
  now: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const { token, hash } = newRefreshToken();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + deps.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  await tx.refreshToken.create({ data: { id, familyId, tokenHash: hash, expiresAt, createdAt: now } });
  return { id, token, expiresAt };
}

/** A new session (token family) for a user who just proved who they are. */
export async function issueSession(deps: GatewayDeps, tx: Tx, user: User, now: Date): Promise<SessionTokens> {
  const familyId = randomUUID();
  await tx.tokenFamily.create({ data: { id: familyId, userId: user.id, createdAt: now } });
  const refresh = await addRefreshToken(deps, tx, familyId, now);
  return {
    accessToken: await accessTokenFor(deps, user, familyId),
    tokenType: "Bearer",
    expiresIn: deps.tokens.ttlSeconds,
    refreshToken: refresh.token,
    refreshExpiresAt: refresh.expiresAt.toISOString(),
    sessionId: familyId,
  };
}
