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

/** Verified tokens remembered at most; a client sends the same token for minutes, so a few thousand go far. */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Signs and verifies the gateway's access tokens: EdDSA only, iss/aud/exp checked, kid in the header.
 *
 * An Ed25519 verification costs more than the rest of a proxied call, and a client repeats its token on every call
 * until it expires. So the claims of a token that verified are kept, keyed by the whole token string (header,
 * claims and signature: only the very bytes that were verified ever hit), until its `exp`, in a bounded LRU. Failures
 * are never cached. Retired signing keys stay valid until the tokens they signed expire, so the cache never outlives
 * what a fresh verification would accept; revoked sessions are checked on every request, outside this cache.
 */
export class AccessTokens {
  private readonly keyring: SigningKeyring;
  readonly ttlSeconds: number;
  private readonly verified = new Map<string, VerifiedAccess>();

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

  /** The claims of this exact token if it verified before and has not expired since; no crypto, no await. */
  cached(token: string): VerifiedAccess | undefined {
    const cached = this.verified.get(token);
    if (!cached) return undefined;
    this.verified.delete(token);
    if (cached.expiresAt * 1000 <= Date.now()) return undefined;
    this.verified.set(token, cached); // most recently used goes last
    return cached;
  }

  async verify(token: string): Promise<VerifiedAccess> {
    const cached = this.cached(token);
    if (cached) return cached;
    const verified = await this.verifySignature(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, verified);
    return verified;
  }

  private async verifySignature(token: string): Promise<VerifiedAccess> {
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

/** Frozen: one object serves every request that carries the same token. */
function toVerifiedAccess(payload: JWTPayload): VerifiedAccess {
  const principal = principalFromClaims(payload);
  if (principal.scopes) Object.freeze(principal.scopes);
  Object.freeze(principal);
  const verified: VerifiedAccess = {
    principal,
    jti: String(payload.jti),
    issuedAt: Number(payload.iat),
    expiresAt: Number(payload.exp),
  };
  if (typeof payload.sid === "string") verified.sessionId = payload.sid;
  if (typeof payload.key_id === "string") verified.apiKeyId = payload.key_id;
  return Object.freeze(verified);
}
