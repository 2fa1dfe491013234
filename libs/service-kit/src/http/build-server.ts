import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Logger } from "@tpx/observability";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import { HttpProblem } from "./errors.ts";
import { httpDurationHistogram } from "./metrics.ts";
import { errorHandler, notFoundHandler, sendProblem } from "./problem.ts";
import type { Readiness } from "./readiness.ts";
import { registerTracingHooks } from "./tracing-hooks.ts";

export type TrustProxy = boolean | ((address: string, hop: number) => boolean);

export interface ServerOptions {
  logger: Logger;
  readiness: Readiness;
  metrics: Registry;
  bodyLimit?: number;
  /** Which proxies' X-Forwarded-For entries to trust: none (default), all, or decided per address and hop. */
  trustProxy?: TrustProxy;
}

export type HttpServer = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The fastify instance every service starts from: one error shape, health, metrics, tracing, request ids. */
export function buildServer(options: ServerOptions): HttpServer {
  const base = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: "array", useDefaults: true } },
  });
  base.setErrorHandler(errorHandler);
  base.setNotFoundHandler(notFoundHandler);
  registerTracingHooks(base);
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  const duration = httpDurationHistogram(options.metrics);
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    duration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get("/healthz", { logLevel: "silent" }, async () => ({ status: "ok" }));
  app.get("/readyz", { logLevel: "silent" }, async (_request, reply) => {
    const { ready, checks } = await options.readiness.evaluate();
    if (ready) return { status: "ready", checks };
    return sendProblem(
      reply,
      new HttpProblem(503, "NOT_READY", "Not ready", "A dependency is unavailable or the service is stopping.", {
        checks,
      }),
    );
  });
  app.get("/metrics", { logLevel: "silent" }, async (_request, reply) => {
    reply.type(options.metrics.contentType);
    return options.metrics.metrics();
  });
  return app;
}
