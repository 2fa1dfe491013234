import { randomUUID } from "node:crypto";
import type { Role } from "@tpx/service-kit";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export interface TestAuth {
  /** The inline JWKS to give a service as AUTH_JWKS. */
  jwks: string;
  /** A bearer token like the gateway issues. */
  token(claims: {
    role: Role;
    userId?: string;
    partnerId?: string;
    contractorId?: string;
    scopes?: string[];
  }): Promise<string>;
  /** `{ authorization: "Bearer …" }` for `app.inject`. */
  headers(claims: Parameters<TestAuth["token"]>[0]): Promise<Record<string, string>>;
}

/** A signing key of our own, so tests mint access tokens the services verify exactly as they verify the gateway's. */
export async function createTestAuth(): Promise<TestAuth> {
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  const kid = randomUUID();
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" }] });
  const token: TestAuth["token"] = async (claims) => {
    const payload: Record<string, unknown> = { role: claims.role };
    if (claims.partnerId) payload.partner_id = claims.partnerId;
    if (claims.contractorId) payload.contractor_id = claims.contractorId;
    if (claims.scopes) payload.scopes = claims.scopes;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "EdDSA", kid })
      .setSubject(claims.userId ?? randomUUID())
      .setIssuer("tpx-gateway")
      .setAudience("tpx")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);
  };
  return { jwks, token, headers: async (claims) => ({ authorization: `Bearer ${await token(claims)}` }) };
}
