import { type HttpServer, NotFoundError } from "@tpx/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";
import { forward } from "../../proxy/forward.ts";
import { isProxiedService, type ProxiedService } from "../../proxy/upstreams.ts";
import type { RouteContext } from "../context.ts";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
/** Operational endpoints every service has; they are for the cluster, not the internet. */
const INTERNAL_PATH = /^\/(metrics|healthz|readyz|openapi\.json)\/?$/;

/** The path on the service: the public path without its prefix, dot-segments resolved, query kept. */
export function upstreamPath(url: string, prefix: string): string {
  const rest = url.slice(prefix.length) || "/";
  const resolved = new URL(rest.startsWith("/") ? rest : `/${rest}`, "http://upstream");
  return `${resolved.pathname}${resolved.search}`;
}

/**
 * `/api/<service>/<rest>` to the owning service, `/s/*` (survey pages) to survey, `/dev/mailbox` to notification in
 * development. Bodies are streamed, not parsed; identity goes on as a gateway JWT the services verify themselves.
 */
export function proxyRoutes(context: RouteContext) {
  const { deps, upstreams } = context;
  const bodyLimit = deps.config.BODY_LIMIT_BYTES;

  /** Sync on the common paths (anonymous, JWT): the reply is sent by `forward`, nothing to await. */
  function send(request: FastifyRequest, reply: FastifyReply, service: ProxiedService, path: string): void {
    const upstream = upstreams.get(service);
    if (!upstream) throw new NotFoundError(`The service "${service}"`);
    if (INTERNAL_PATH.test(path.split("?")[0] ?? "")) throw new NotFoundError("The resource");
    const credential = request.credential;
    if (credential?.kind === "api-key" && request.principal) {
      // services only ever see gateway JWTs: the key travels as a short-lived token minted for it
      context.apiKeys.forwardToken(credential.keyId, request.principal).then(
        (token) => forward(request, reply, { upstream, path, authorization: `Bearer ${token}`, bodyLimit }),
        (error: unknown) => reply.send(error),
      );
      return;
    }
    const authorization = credential?.kind === "jwt" ? `Bearer ${credential.token}` : undefined;
    forward(request, reply, { upstream, path, authorization, bodyLimit });
  }

  return async (app: HttpServer) => {
    // proxied bodies stay streams: the service parses and validates them
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    // survey submission counts per IP and per link, and fails closed
    app.post(
      "/api/survey/public/surveys/:token/responses",
      { onRequest: [context.limits.surveySubmit], schema: { hide: true } },
      (request, reply) => send(request, reply, "survey", upstreamPath(request.url, "/api/survey")),
    );
    app.post("/s/:token", { onRequest: [context.limits.surveySubmit], schema: { hide: true } }, (request, reply) =>
      send(request, reply, "survey", upstreamPath(request.url, "")),
    );
    app.get("/s/:token", { onRequest: [context.limits.pages], schema: { hide: true } }, (request, reply) =>
      send(request, reply, "survey", upstreamPath(request.url, "")),
    );

    app.route({
      method: METHODS,
      url: "/api/:service/*",
      onRequest: [context.limits.api],
      schema: { hide: true },
      handler: (request, reply) => {
        const { service } = request.params as { service: string };
        if (!isProxiedService(service)) throw new NotFoundError(`The API "${service}"`);
        return send(request, reply, service, upstreamPath(request.url, `/api/${service}`));
      },
    });

    if (deps.config.DEV_MAILBOX && deps.config.NODE_ENV !== "production") {
      for (const url of ["/dev/mailbox", "/dev/mailbox/*"]) {
        app.route({
          method: METHODS,
          url,
          onRequest: [context.limits.pages],
          schema: { hide: true },
          handler: (request, reply) => send(request, reply, "notification", upstreamPath(request.url, "")),
        });
      }
    }
  };
}
