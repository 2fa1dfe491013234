import type { Logger } from "@tpx/observability";
import { type HttpServer, type Principal, UnauthorizedError } from "@tpx/service-kit";
import { looksLikeApiKey } from "../domain/api-key-format.ts";
import type { AccessTokens } from "./access-tokens.ts";
import type { ApiKeyAuthenticator } from "./api-key-authenticator.ts";
import type { Revocations } from "./revocations.ts";

/** How the caller proved who they are; decides what the proxy forwards. */
export type Credential =
  | { kind: "jwt"; token: string; jti: string; expiresAt: number; sessionId?: string }
  | { kind: "api-key"; keyId: string };

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | undefined;
    credential: Credential | undefined;
  }
}

/**
 * Reads the Authorization header on every request: `Bearer <gateway JWT>` (checked against the session denylist)
 * or `Bearer tpk_...` / `ApiKey tpk_...` (a partner API key). Routes then decide with `requireRole`.
 * If Redis cannot answer the denylist check the token is accepted (fail-open, logged): a revoked token lives at most
 * one access-token lifetime anyway, while refusing every token would take the whole platform down with Redis.
 */
export function registerGatewayAuthentication(
  app: HttpServer,
  deps: { tokens: AccessTokens; apiKeys: ApiKeyAuthenticator; revocations: Revocations; logger: Logger },
): void {
  app.decorateRequest("principal", undefined);
  app.decorateRequest("credential", undefined);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^(Bearer|ApiKey) (\S+)$/.exec(header);
    if (!match?.[2])
      throw new UnauthorizedError("The Authorization header must be `Bearer <token>` or `ApiKey <key>`.");
    const value = match[2];
    if (match[1] === "ApiKey" || looksLikeApiKey(value)) {
      const { principal, keyId } = await deps.apiKeys.authenticate(value);
      request.principal = principal;
      request.credential = { kind: "api-key", keyId };
      return;
    }
    const verified = await deps.tokens.verify(value);
    if (verified.sessionId && (await isRevoked(deps, verified.sessionId))) {
      throw new UnauthorizedError("The session has ended; log in again.");
    }
    request.principal = verified.principal;
    request.credential = {
      kind: "jwt",
      token: value,
      jti: verified.jti,
      expiresAt: verified.expiresAt,
      ...(verified.sessionId ? { sessionId: verified.sessionId } : {}),
    };
  });
}

async function isRevoked(deps: { revocations: Revocations; logger: Logger }, sessionId: string): Promise<boolean> {
  try {
    return await deps.revocations.isRevoked(sessionId);
  } catch (error) {
    deps.logger.warn({ err: error }, "session denylist unavailable: accepting the token");
    return false;
  }
}
