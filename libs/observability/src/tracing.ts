import { type Context, context, propagation, type Span, SpanKind, trace } from "@opentelemetry/api";
import type { SpanProcessor } from "@opentelemetry/sdk-trace";
import { startLocalTracing } from "./local-tracing.ts";
import { startSdkTracing } from "./sdk-tracing.ts";

export interface TracingSettings {
  service: string;
  /** OTLP/HTTP collector base URL; without it (and without processors) spans carry ids for log correlation only. */
  otlpEndpoint?: string | undefined;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  shutdown(): Promise<void>;
}

let started: (() => Promise<void>) | undefined;

/**
 * Starts tracing once per process: W3C trace context propagation, an AsyncLocalStorage context and a tracer. Only
 * when spans go somewhere (an OTLP endpoint or extra processors) is the OpenTelemetry SDK loaded; otherwise spans
 * carry real trace and span ids, for log correlation and propagation, but record nothing.
 */
export function startTracing(settings: TracingSettings): Tracing {
  if (started) return { shutdown: async () => {} };
  const shutdown = startProvider(settings);
  started = shutdown;
  return {
    async shutdown() {
      if (started !== shutdown) return;
      started = undefined;
      await shutdown();
    },
  };
}

function startProvider(settings: TracingSettings): () => Promise<void> {
  const spanProcessors = settings.spanProcessors ?? [];
  if (settings.otlpEndpoint || spanProcessors.length > 0) {
    return startSdkTracing({ service: settings.service, otlpEndpoint: settings.otlpEndpoint, spanProcessors });
  }
  startLocalTracing();
  return async () => {};
}

export type Carrier = Record<string, string>;

/** The current trace context as headers (`traceparent`, `tracestate`). */
export function injectTraceContext(ctx: Context = context.active()): Carrier {
  const carrier: Carrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

export function extractTraceContext(carrier: Carrier): Context {
  return propagation.extract(context.active(), carrier);
}

export function tracer() {
  return trace.getTracer("tpx");
}

/** Runs `fn` inside a new span that is a child of `parent`, ending it and recording failures. */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; parent?: Context; attributes?: Record<string, string | number | boolean> },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: 2, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind } from "@opentelemetry/api";
