import type { HttpServer } from "@tpx/service-kit";
import type { SigningKeyring } from "../../security/signing-keys.ts";

/** The public keys services verify access tokens with (AUTH_JWKS_URL points here). */
export function jwksRoutes(keyring: SigningKeyring) {
  return async (app: HttpServer) => {
    app.get("/.well-known/jwks.json", { schema: { hide: true } }, async (_request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return keyring.jwks();
    });
  };
}
