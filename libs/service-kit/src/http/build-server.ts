import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Logger } from "@tpx/observability";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
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
  /**
   * "both" (fastify's default): a line when a request arrives and one when it completes. "completed": one line per
   * request with method, url, status and time; half the logging cost, for the gateway's proxied calls.
   */
  requestLogging?: "both" | "completed";
}

export type HttpServer = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** One line per request, when it completes, with what fastify's "incoming request" line would have said. */
class CompletedRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const fields = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...fields, err: error }, "request errored");
    else reply.log.info(fields, "request completed");
  }
}

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
    ...(options.requestLogging === "completed" ? { logController: new CompletedRequestLog() } : {}),
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
