import { type HttpServer, principalOf, requireRole, UnauthorizedError } from "@tpx/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";
import { checkCsrf, clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from "../../security/csrf.ts";
import { changePassword } from "../../usecases/change-password.ts";
import type { SessionTokens } from "../../usecases/issue-session.ts";
import { logIn } from "../../usecases/log-in.ts";
import { logOut } from "../../usecases/log-out.ts";
import { refreshSession } from "../../usecases/refresh-session.ts";
import { createUser } from "../../usecases/sign-up.ts";
import { toUserView } from "../../usecases/user-view.ts";
import type { RouteContext } from "../context.ts";
import {
  AuthResult,
  LoginBody,
  PasswordChangeBody,
  RefreshBody,
  SessionSchema,
  SignUpBody,
  UserSchema,
} from "./schemas.ts";

export const AUTH_PREFIX = "/api/gateway/auth";

function sessionBody(session: SessionTokens) {
  const { sessionId: _internal, ...body } = session;
  return body;
}

/** Sign-up, login, refresh, logout, password change and "who am I" for portal users. */
export function authRoutes(context: RouteContext) {
  const { deps } = context;
  const cookieOptions = { secure: deps.config.PUBLIC_BASE_URL.startsWith("https:"), path: AUTH_PREFIX };
  const withCookies = (reply: FastifyReply, session: SessionTokens) =>
    setSessionCookies(reply, session.refreshToken, new Date(session.refreshExpiresAt), cookieOptions);
  const tight = { onRequest: [context.limits.credentials] };
  // the portal posts refresh and logout without a body (the token is the cookie)
  const emptyBodyIsEmptyObject = async (request: FastifyRequest) => {
    request.body ??= {};
  };

  return async (app: HttpServer) => {
    app.post(
      "/signup",
      { ...tight, schema: { tags: ["identity"], body: SignUpBody, response: { 201: AuthResult } } },
      async (request, reply) => {
        const result = await createUser(deps, request.body);
        if (!result.session) throw new Error("sign-up created no session");
        withCookies(reply, result.session);
        return reply.code(201).send({ user: result.user, session: sessionBody(result.session) });
      },
    );

    app.post(
      "/login",
      { ...tight, schema: { tags: ["identity"], body: LoginBody, response: { 200: AuthResult } } },
      async (request, reply) => {
        const { user, session } = await logIn(deps, request.body);
        withCookies(reply, session);
        return { user, session: sessionBody(session) };
      },
    );

    app.post(
      "/refresh",
      {
        ...tight,
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags: ["identity"],
          description: "Body token (API clients) or the HttpOnly cookie plus the X-CSRF-Token header (portal).",
          body: RefreshBody,
          response: { 200: SessionSchema },
        },
      },
      async (request, reply) => {
        let token = request.body?.refreshToken;
        if (!token) {
          token = request.cookies[REFRESH_COOKIE];
          if (!token) throw new UnauthorizedError("No refresh token was sent.");
          checkCsrf(request, context.corsOrigins);
        }
        const session = await refreshSession(deps, token);
        withCookies(reply, session);
        return sessionBody(session);
      },
    );

    app.post(
      "/logout",
      {
        preValidation: emptyBodyIsEmptyObject,
        schema: { tags: ["identity"], body: RefreshBody, response: { 204: { type: "null" } } },
      },
      async (request, reply) => {
        const bodyToken = request.body?.refreshToken;
        const cookieToken = request.cookies[REFRESH_COOKIE];
        if (!bodyToken && cookieToken && request.credential?.kind !== "jwt") checkCsrf(request, context.corsOrigins);
        const sessionId = request.credential?.kind === "jwt" ? request.credential.sessionId : undefined;
        await logOut(deps, {
          ...(sessionId ? { sessionId } : {}),
          ...(bodyToken || cookieToken ? { refreshToken: (bodyToken ?? cookieToken) as string } : {}),
        });
        clearSessionCookies(reply, cookieOptions);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/password",
      {
        ...tight,
        preHandler: requireRole("admin", "partner", "contractor"),
        schema: { tags: ["identity"], body: PasswordChangeBody, response: { 204: { type: "null" } } },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (request.credential?.kind !== "jwt") throw new UnauthorizedError("Log in to change the password.");
        await changePassword(deps, { userId: principal.userId, ...request.body });
        clearSessionCookies(reply, cookieOptions);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/me",
      {
        preHandler: requireRole("admin", "partner", "contractor"),
        schema: { tags: ["identity"], response: { 200: UserSchema } },
      },
      async (request) => {
        const principal = principalOf(request);
        if (request.credential?.kind !== "jwt") throw new UnauthorizedError("API keys have no user profile.");
        const user = await deps.db.user.findUnique({ where: { id: principal.userId } });
        if (!user) throw new UnauthorizedError();
        return toUserView(user);
      },
    );
  };
}
