// A trace started by an HTTP request continues through the outbox, the relay and JetStream into the consumer of the
// event the request caused: the consumer's span and its handler run in the same trace, as a child of the request.
import { SpanKind, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { startTracing } from "@tpx/observability";
import { buildServer, Readiness } from "@tpx/service-kit";
import { waitFor } from "@tpx/testing";
import { Registry } from "prom-client";
import t from "tap";
import { openPipeline, recordEffect, SETTLE_MS, testLogger } from "./support/pipeline.ts";

const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor({ exporter });
const tracing = startTracing({ service: "partner", spanProcessors: [processor] });
t.teardown(() => tracing.shutdown());

const CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN_ID = "00f067aa0ba902b7";

t.test("the consumer of an event runs in the trace of the request that caused it", async (t) => {
  const p = await openPipeline(t);
  const handlerTraceIds: string[] = [];
  await p
    .runner({
      async handle(tx, event) {
        handlerTraceIds.push(trace.getActiveSpan()?.spanContext().traceId ?? "none");
        await recordEffect(tx, event);
      },
    })
    .start();

  const app = buildServer({ logger: testLogger("partner"), readiness: new Readiness(), metrics: new Registry() });
  app.post("/partners", async () => {
    const event = await p.writeEvent();
    return { eventId: event.id, traceparent: event.traceparent };
  });
  t.teardown(() => app.close());

  const response = await app.inject({
    method: "POST",
    url: "/partners",
    headers: { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
  });
  t.equal(response.statusCode, 200);
  const { eventId, traceparent } = response.json<{ eventId: string; traceparent: string }>();
  t.match(
    traceparent,
    new RegExp(`^00-${CALLER_TRACE_ID}-[0-9a-f]{16}-01$`),
    "the envelope carries the request's trace",
  );

  await p.relay().publishBatch();
  await waitFor(async () => (await p.effects()).get(eventId) === 1, {
    timeoutMs: SETTLE_MS,
    description: "event applied",
  });
  t.same(handlerTraceIds, [CALLER_TRACE_ID], "the handler ran inside the same trace");

  await processor.forceFlush();
  const spans = exporter.getFinishedSpans();
  const request = spans.find((span) => span.kind === SpanKind.SERVER && span.name === "POST /partners");
  const receive = spans.find((span) => span.kind === SpanKind.CONSUMER);
  t.ok(request, "the request span was recorded");
  t.ok(receive, "the consumer span was recorded");
  t.equal(request?.spanContext().traceId, CALLER_TRACE_ID, "the request continued its caller's trace");
  t.equal(request?.parentSpanContext?.spanId, CALLER_SPAN_ID);
  t.equal(receive?.spanContext().traceId, CALLER_TRACE_ID, "the consumer span is in the same trace");
  t.equal(receive?.parentSpanContext?.spanId, request?.spanContext().spanId, "as a child of the request span");
  t.equal(receive?.attributes["messaging.consumer.name"], "survey__partner-registered-v1");
});

t.test("without a caller trace the request starts one, and the consumer joins it", async (t) => {
  exporter.reset();
  const p = await openPipeline(t);
  await p.runner().start();
  const app = buildServer({ logger: testLogger("partner"), readiness: new Readiness(), metrics: new Registry() });
  app.post("/partners", async () => ({ eventId: (await p.writeEvent()).id }));
  t.teardown(() => app.close());

  const { eventId } = (await app.inject({ method: "POST", url: "/partners" })).json<{ eventId: string }>();
  await p.relay().publishBatch();
  await waitFor(async () => (await p.effects()).get(eventId) === 1, {
    timeoutMs: SETTLE_MS,
    description: "event applied",
  });

  await processor.forceFlush();
  const spans = exporter.getFinishedSpans();
  const request = spans.find((span) => span.kind === SpanKind.SERVER);
  const receive = spans.find((span) => span.kind === SpanKind.CONSUMER);
  t.equal(request?.parentSpanContext, undefined, "the request span is a root");
  t.not(request?.spanContext().traceId, CALLER_TRACE_ID);
  t.equal(receive?.spanContext().traceId, request?.spanContext().traceId);
});
