import type { FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import { hashed, type LimitRule } from "./limiter.ts";

const MINUTE = 60_000;

/** Per user or API key when the caller is known, per client IP otherwise. */
function callerKey(request: FastifyRequest): string {
  const credential = request.credential;
  if (credential?.kind === "api-key") return `key:${credential.keyId}`;
  if (request.principal) return `user:${request.principal.userId}`;
  return `ip:${request.ip}`;
}

export function limitRules(config: Config) {
  const api: LimitRule = {
    name: "api",
    max: config.RATE_LIMIT_API_PER_MINUTE,
    windowMs: MINUTE,
    failMode: "open",
    key: callerKey,
  };
  return {
    /** /api/* for signed-in callers and keys; anonymous callers get the per-IP allowance. */
    api: [
      { ...api, key: (request: FastifyRequest) => (request.principal ? callerKey(request) : undefined) },
      {
        name: "anonymous",
        max: config.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
        windowMs: MINUTE,
        failMode: "open",
        key: (request: FastifyRequest) => (request.principal ? undefined : `ip:${request.ip}`),
      },
    ] satisfies LimitRule[],
    /** Public pages, docs: per IP, fail-open. */
    pages: [
      {
        name: "pages",
        max: config.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
        windowMs: MINUTE,
        failMode: "open",
        key: (request: FastifyRequest) => `ip:${request.ip}`,
      },
    ] satisfies LimitRule[],
    /** Login, sign-up, refresh, password change: per IP, tight, fail-closed. */
    credentials: [
      {
        name: "login",
        max: config.RATE_LIMIT_LOGIN_PER_MINUTE,
        windowMs: MINUTE,
        failMode: "closed",
        key: (request: FastifyRequest) => `ip:${request.ip}`,
      },
    ] satisfies LimitRule[],
    /** Survey submission: per IP and per survey link, fail-closed (it feeds the trust score). */
    surveySubmit: [
      {
        name: "survey-ip",
        max: config.RATE_LIMIT_SURVEY_SUBMIT_PER_MINUTE,
        windowMs: MINUTE,
        failMode: "closed",
        key: (request: FastifyRequest) => `ip:${request.ip}`,
      },
      {
        name: "survey-link",
        max: config.RATE_LIMIT_SURVEY_LINK_PER_HOUR,
        windowMs: 60 * MINUTE,
        failMode: "closed",
        key: (request: FastifyRequest) => {
          const token = (request.params as { token?: string }).token;
          return token ? `link:${hashed(token)}` : undefined;
        },
      },
    ] satisfies LimitRule[],
  };
}
