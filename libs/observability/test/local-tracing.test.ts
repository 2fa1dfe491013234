// Without an OTLP endpoint or span processors, tracing runs without the OpenTelemetry SDK: spans record nothing but
// carry real ids, so log lines and propagated headers join up exactly as they would with the SDK.
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { SpanKind, TraceFlags, trace } from "@opentelemetry/api";
import t from "tap";
import { createLogger, extractTraceContext, injectTraceContext, inSpan, startTracing, tracer } from "../src/index.ts";

const tracing = startTracing({ service: "test" });
t.teardown(() => tracing.shutdown());

const CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN_ID = "00f067aa0ba902b7";
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;

t.test("the SDK is not loaded", async (t) => {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  t.notOk(
    loaded.some((file) => /@opentelemetry\/(sdk-node|sdk-trace|exporter-trace-otlp-http)\//.test(file)),
    "no SDK, trace or exporter module in the require cache",
  );
});

t.test("a root span gets fresh, valid, sampled ids", async (t) => {
  const first = tracer().startSpan("first").spanContext();
  const second = tracer().startSpan("second").spanContext();
  t.match(first.traceId, /^[0-9a-f]{32}$/);
  t.match(first.spanId, /^[0-9a-f]{16}$/);
  t.not(first.traceId, "0".repeat(32));
  t.not(first.traceId, second.traceId, "every root span starts its own trace");
  t.equal(first.traceFlags, TraceFlags.SAMPLED);
  t.notOk(tracer().startSpan("x").isRecording(), "nothing is recorded");
});

t.test("children stay in their parent's trace across awaits, and headers carry it", async (t) => {
  await inSpan("parent", {}, async (parent) => {
    await sleep(1);
    const carrier = injectTraceContext();
    const [, traceId, spanId, flags] = TRACEPARENT.exec(carrier.traceparent ?? "") ?? [];
    t.equal(traceId, parent.spanContext().traceId);
    t.equal(spanId, parent.spanContext().spanId);
    t.equal(flags, "01");
    await inSpan("child", { kind: SpanKind.CONSUMER }, async (child) => {
      await sleep(1);
      t.equal(child.spanContext().traceId, parent.spanContext().traceId);
      t.not(child.spanContext().spanId, parent.spanContext().spanId);
      t.equal(trace.getActiveSpan(), child, "the child is the active span inside its callback");
    });
  });
});

t.test("an incoming traceparent is continued with its flags, tracestate and baggage", async (t) => {
  for (const flags of ["01", "00"]) {
    const parent = extractTraceContext({
      traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-${flags}`,
      tracestate: "vendor=abc",
      baggage: "tenant=7",
    });
    await inSpan("continued", { parent }, async (span) => {
      t.equal(span.spanContext().traceId, CALLER_TRACE_ID);
      t.not(span.spanContext().spanId, CALLER_SPAN_ID);
      const carrier = injectTraceContext();
      t.match(carrier.traceparent, new RegExp(`^00-${CALLER_TRACE_ID}-[0-9a-f]{16}-${flags}$`), `flags ${flags} kept`);
      t.equal(carrier.tracestate, "vendor=abc");
      t.equal(carrier.baggage, "tenant=7");
    });
  }
});

t.test("a span asked to be a root ignores the active one", async (t) => {
  await inSpan("outer", {}, async (outer) => {
    const root = tracer().startSpan("root", { root: true });
    t.not(root.spanContext().traceId, outer.spanContext().traceId);
  });
});

t.test("startActiveSpan runs its callback inside the new span", async (t) => {
  const ids = tracer().startActiveSpan("active", { kind: SpanKind.INTERNAL }, (span) => {
    t.equal(trace.getActiveSpan(), span);
    span.end();
    return span.spanContext().spanId;
  });
  t.match(ids, /^[0-9a-f]{16}$/);
  t.equal(trace.getActiveSpan(), undefined, "and restores the context after");
});

t.test("log lines written inside a span carry its trace and span ids", async (t) => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  const logger = createLogger({ service: "test", destination });
  await inSpan("logged", {}, async (span) => {
    await sleep(1);
    logger.info("inside");
    t.match(lines.at(-1), { trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
  });
  logger.info("outside");
  t.notOk("trace_id" in (lines.at(-1) ?? {}), "no ids outside a span");
});
