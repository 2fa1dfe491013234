import { randomUUID } from "node:crypto";
import {
  ACCESS_TOKEN_ALGORITHM,
  type Principal,
  principalFromClaims,
  type Role,
  UnauthorizedError,
} from "@tpx/service-kit";
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { SigningKeyring } from "./signing-keys.ts";

export const TOKEN_ISSUER = "tpx-gateway";
export const TOKEN_AUDIENCE = "tpx";

export interface AccessClaims {
  userId: string;
  role: Role;
  partnerId?: string | null | undefined;
  contractorId?: string | null | undefined;
  scopes?: string[] | undefined;
  /** Token family (session) the token belongs to; logout revokes it. */
  sessionId?: string | undefined;
  /** Set when the token stands for a partner API key. */
  apiKeyId?: string | undefined;
}

export interface VerifiedAccess {
  principal: Principal;
  jti: string;
  issuedAt: number;
  expiresAt: number;
  sessionId?: string;
  apiKeyId?: string;
}

/** Signs and verifies the gateway's access tokens: EdDSA only, iss/aud/exp checked, kid in the header. */
export class AccessTokens {
  private readonly keyring: SigningKeyring;
  readonly ttlSeconds: number;

  constructor(keyring: SigningKeyring, ttlSeconds: number) {
    this.keyring = keyring;
    this.ttlSeconds = ttlSeconds;
  }

  async sign(claims: AccessClaims, ttlSeconds = this.ttlSeconds): Promise<string> {
    const { kid, privateKey } = this.keyring.current();
    const payload: Record<string, unknown> = { role: claims.role };
    if (claims.partnerId) payload.partner_id = claims.partnerId;
    if (claims.contractorId) payload.contractor_id = claims.contractorId;
    if (claims.scopes) payload.scopes = claims.scopes;
    if (claims.sessionId) payload.sid = claims.sessionId;
    if (claims.apiKeyId) payload.key_id = claims.apiKeyId;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid, typ: "at+jwt" })
      .setSubject(claims.userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(privateKey);
  }

  async verify(token: string): Promise<VerifiedAccess> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keyring.keyLookup, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ["sub", "exp", "iat", "jti", "role"],
      }));
    } catch {
      throw new UnauthorizedError("The access token is invalid or expired.");
    }
    return toVerifiedAccess(payload);
  }
}

function toVerifiedAccess(payload: JWTPayload): VerifiedAccess {
  const principal = principalFromClaims(payload);
  const verified: VerifiedAccess = {
    principal,
    jti: String(payload.jti),
    issuedAt: Number(payload.iat),
    expiresAt: Number(payload.exp),
  };
  if (typeof payload.sid === "string") verified.sessionId = payload.sid;
  if (typeof payload.key_id === "string") verified.apiKeyId = payload.key_id;
  return verified;
}
