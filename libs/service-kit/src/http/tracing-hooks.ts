import { context, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { extractTraceContext, tracer } from "@tpx/observability";
import type { FastifyInstance, FastifyRequest } from "fastify";

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A server span per request, continuing the caller's `traceparent`. The rest of the request lifecycle runs inside
 * the span's context (AsyncLocalStorage follows `done`), so logs and published events carry its trace id.
 */
export function registerTracingHooks(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    const parent = extractTraceContext(request.headers as Record<string, string>);
    const span = tracer().startSpan(
      `${request.method} ${request.routeOptions.url ?? "unknown"}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": request.method, "url.path": request.url.split("?")[0] ?? "" },
      },
      parent,
    );
    spans.set(request, span);
    reply.header("x-request-id", request.id);
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook("onResponse", (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute("http.response.status_code", reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
