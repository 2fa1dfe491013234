import { type Context, context, propagation, type Span, SpanKind, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace";

export interface TracingSettings {
  service: string;
  /** OTLP/HTTP collector base URL; without it spans are recorded (for log correlation) but not exported. */
  otlpEndpoint?: string | undefined;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  shutdown(): Promise<void>;
}

let started: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry SDK once per process. No auto-instrumentation: HTTP spans come from the fastify hook in
 * service-kit and messaging spans from the NATS code, which carry W3C trace context explicitly.
 */
export function startTracing(settings: TracingSettings): Tracing {
  if (started) return { shutdown: async () => {} };
  const processors = [...(settings.spanProcessors ?? [])];
  if (settings.otlpEndpoint) {
    const url = `${settings.otlpEndpoint.replace(/\/$/, "")}/v1/traces`;
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }));
  }
  // Without any processor the SDK installs no tracer provider and every trace id would be zeros.
  if (processors.length === 0) processors.push(new NoopSpanProcessor());
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ "service.name": settings.service }),
    autoDetectResources: false,
    instrumentations: [],
    spanProcessors: processors,
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  started = sdk;
  return {
    async shutdown() {
      if (started !== sdk) return;
      started = undefined;
      await sdk.shutdown();
    },
  };
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
