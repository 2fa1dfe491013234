import type { FastifyReply, FastifyRequest } from "fastify";
import type { HttpServer } from "../http/build-server.ts";
import { ForbiddenError, UnauthorizedError } from "../http/errors.ts";
import type { Principal, Role, TokenVerifier } from "./verifier.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** Reads `Authorization: Bearer <jwt>` on every request; routes decide with `requireRole` what they need. */
export function registerAuthentication(app: HttpServer, verify: TokenVerifier): void {
  app.decorateRequest("principal", undefined);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match?.[1]) throw new UnauthorizedError("The Authorization header must be a Bearer token.");
    request.principal = await verify(match[1]);
  });
}

export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = request.principal;
    if (!principal) throw new UnauthorizedError();
    if (!roles.includes(principal.role)) throw new ForbiddenError();
  };
}

/** The principal of a request that passed `requireRole`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}
