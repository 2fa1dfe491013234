import { randomFillSync } from "node:crypto";
import {
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  INVALID_SPANID,
  INVALID_TRACEID,
  isSpanContextValid,
  propagation,
  type Span,
  type SpanOptions,
  TraceFlags,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  CompositePropagator,
  isTracingSuppressed,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from "@opentelemetry/core";

/**
 * Trace context without the SDK, for a process that exports nothing: the same context manager and propagators the
 * SDK registers by default, and a tracer whose spans carry real ids (so logs and published events join up across
 * services) but record nothing. Loading the SDK costs each service some 0.2 s of CPU at start for spans that would
 * only be thrown away.
 */
export function startLocalTracing(): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(new LocalTracerProvider());
}

class LocalTracerProvider implements TracerProvider {
  private readonly tracer = new LocalTracer();

  getTracer(): Tracer {
    return this.tracer;
  }
}

/** Decides ids and sampling as the SDK's tracer with its default sampler (parent-based, always on) would. */
class LocalTracer implements Tracer {
  startSpan(_name: string, options: SpanOptions = {}, ctx: Context = context.active()): Span {
    const parentContext = options.root ? trace.deleteSpan(ctx) : ctx;
    if (isTracingSuppressed(parentContext)) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const parent = trace.getSpanContext(parentContext);
    const spanId = newId(8, INVALID_SPANID);
    if (parent && isSpanContextValid(parent)) {
      const traceFlags = parent.traceFlags & TraceFlags.SAMPLED;
      return trace.wrapSpanContext({ traceId: parent.traceId, spanId, traceFlags, traceState: parent.traceState });
    }
    return trace.wrapSpanContext({ traceId: newId(16, INVALID_TRACEID), spanId, traceFlags: TraceFlags.SAMPLED });
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    ctx: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...args: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = args[args.length - 1] as (span: Span) => ReturnType<F>;
    const options = args.length > 1 ? (args[0] as SpanOptions) : {};
    const parentContext = args.length > 2 ? (args[1] as Context) : context.active();
    const span = this.startSpan(name, options, parentContext);
    return context.with(trace.setSpan(parentContext, span), fn, undefined, span);
  }
}

// Random bytes fetched a few kilobytes at a time: one call per span would cost more than the span itself.
const idPool = Buffer.alloc(4096);
let idPoolOffset = idPool.length;

/** A random id of `bytes` bytes as hex, never the all-zero id (which W3C trace context calls invalid). */
function newId(bytes: number, invalid: string): string {
  for (;;) {
    if (idPoolOffset + bytes > idPool.length) {
      randomFillSync(idPool);
      idPoolOffset = 0;
    }
    const id = idPool.toString("hex", idPoolOffset, idPoolOffset + bytes);
    idPoolOffset += bytes;
    if (id !== invalid) return id;
  }
}
