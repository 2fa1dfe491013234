import type { Logger } from "@tpx/observability";
import { type HttpServer, type Principal, UnauthorizedError } from "@tpx/service-kit";
import type { FastifyRequest } from "fastify";
import { looksLikeApiKey } from "../domain/api-key-format.ts";
import type { AccessTokens, VerifiedAccess } from "./access-tokens.ts";
import type { ApiKeyAuthenticator } from "./api-key-authenticator.ts";
import type { Revocations } from "./revocations.ts";

/** How the caller proved who they are; decides what the proxy forwards. */
export type Credential =
  | { kind: "jwt"; token: string; jti: string; expiresAt: number; sessionId?: string }
  | { kind: "api-key"; keyId: string };

type Done = (error?: Error) => void;

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
 * Callback style, synchronous for anonymous calls and tokens verified before: this runs on every proxied call.
 */
export function registerGatewayAuthentication(
  app: HttpServer,
  deps: { tokens: AccessTokens; apiKeys: ApiKeyAuthenticator; revocations: Revocations; logger: Logger },
): void {
  app.decorateRequest("principal", undefined);
  app.decorateRequest("credential", undefined);

  function accept(request: FastifyRequest, token: string, verified: VerifiedAccess): void {
    request.principal = verified.principal;
    request.credential = {
      kind: "jwt",
      token,
      jti: verified.jti,
      expiresAt: verified.expiresAt,
      ...(verified.sessionId ? { sessionId: verified.sessionId } : {}),
    };
  }

  function checkSession(request: FastifyRequest, token: string, verified: VerifiedAccess, done: Done): void {
    const sessionId = verified.sessionId;
    if (!sessionId) {
      accept(request, token, verified);
      done();
      return;
    }
    deps.revocations.isRevoked(sessionId).then(
      (revoked) => {
        if (revoked) {
          done(new UnauthorizedError("The session has ended; log in again."));
          return;
        }
        accept(request, token, verified);
        done();
      },
      (error: unknown) => {
        deps.logger.warn({ err: error }, "session denylist unavailable: accepting the token");
        accept(request, token, verified);
        done();
      },
    );
  }

  app.addHook("onRequest", (request, _reply, done) => {
    const header = request.headers.authorization;
    if (!header) return done();
    const match = /^(Bearer|ApiKey) (\S+)$/.exec(header);
    if (!match?.[2])
      return done(new UnauthorizedError("The Authorization header must be `Bearer <token>` or `ApiKey <key>`."));
    const value = match[2];
    if (match[1] === "ApiKey" || looksLikeApiKey(value)) {
      deps.apiKeys.authenticate(value).then(({ principal, keyId }) => {
        request.principal = principal;
        request.credential = { kind: "api-key", keyId };
        done();
      }, done);
      return;
    }
    const cached = deps.tokens.cached(value);
    if (cached) return checkSession(request, value, cached, done);
    deps.tokens.verify(value).then((verified) => checkSession(request, value, verified, done), done);
  });
}
