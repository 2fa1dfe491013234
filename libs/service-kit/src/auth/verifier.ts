import { createLocalJWKSet, createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import { UnauthorizedError } from "../http/errors.ts";

export const ROLES = ["admin", "partner", "contractor"] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a gateway-signed access token. */
export interface Principal {
  userId: string;
  role: Role;
  /** Set for partner users: the only partner they may touch. */
  partnerId?: string;
  /** Set for contractor users. */
  contractorId?: string;
  /** Present when the call came with a partner API key; limits what the key may do. */
  scopes?: string[];
}

export interface AuthSettings {
  issuer: string;
  audience: string;
  jwksUrl?: string | undefined;
  jwks?: string | undefined;
}

/** Only this algorithm is accepted: a token signed any other way is refused (RFC 8725 §3.1). */
export const ACCESS_TOKEN_ALGORITHM = "EdDSA";

export type TokenVerifier = (token: string) => Promise<Principal>;

export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const keys = settings.jwks
    ? createLocalJWKSet(JSON.parse(settings.jwks))
    : settings.jwksUrl
      ? createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
      : undefined;
  return async (token) => {
    if (!keys) throw new UnauthorizedError("This service has no token keys configured.");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ["sub", "exp", "role"],
      }));
    } catch {
      throw new UnauthorizedError("The access token is invalid or expired.");
    }
    return principalFromClaims(payload);
  };
}

/** Reads the principal out of verified claims; the gateway, which signs the tokens, reads them the same way. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const role = payload.role;
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role) || typeof payload.sub !== "string") {
    throw new UnauthorizedError("The access token has no valid role.");
  }
  const principal: Principal = { userId: payload.sub, role: role as Role };
  if (typeof payload.partner_id === "string") principal.partnerId = payload.partner_id;
  if (typeof payload.contractor_id === "string") principal.contractorId = payload.contractor_id;
  if (Array.isArray(payload.scopes)) principal.scopes = payload.scopes.filter((scope) => typeof scope === "string");
  return principal;
}
