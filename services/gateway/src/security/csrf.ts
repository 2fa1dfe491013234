import { randomBytes, timingSafeEqual } from "node:crypto";
import { ForbiddenError } from "@tpx/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";

export const REFRESH_COOKIE = "tpx_refresh";
export const CSRF_COOKIE = "tpx_csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * Double-submit CSRF defence for the calls that authenticate with the refresh-token cookie (OWASP CSRF cheat sheet):
 * a random token in a readable cookie that the portal's script copies into a header. Another site can make the
 * browser send the cookies but cannot read them, so it cannot produce the header. SameSite=Strict and the origin
 * allowlist are the second line.
 */
export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}

export function checkCsrf(request: FastifyRequest, allowedOrigins: readonly string[]): void {
  const origin = request.headers.origin;
  if (origin && !allowedOrigins.includes(origin))
    throw new ForbiddenError("This origin may not use the session cookie.");
  const cookie = request.cookies[CSRF_COOKIE];
  const header = request.headers[CSRF_HEADER];
  if (!cookie || typeof header !== "string") throw new ForbiddenError("The CSRF token is missing.");
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ForbiddenError("The CSRF token does not match.");
}

export function setSessionCookies(
  reply: FastifyReply,
  refreshToken: string,
  expiresAt: Date,
  options: { secure: boolean; path: string },
): void {
  reply.setCookie(REFRESH_COOKIE, refreshToken, {
    httpOnly: true,
    secure: options.secure,
    sameSite: "strict",
    path: options.path,
    expires: expiresAt,
  });
  reply.setCookie(CSRF_COOKIE, newCsrfToken(), {
    httpOnly: false,
    secure: options.secure,
    sameSite: "strict",
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookies(reply: FastifyReply, options: { path: string }): void {
  reply.clearCookie(REFRESH_COOKIE, { path: options.path });
  reply.clearCookie(CSRF_COOKIE, { path: "/" });
}
