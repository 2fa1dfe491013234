// With an OTLP endpoint or span processors, tracing loads the OpenTelemetry SDK: spans are recorded, handed to the
// processors, and batched to the collector's /v1/traces.
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import t from "tap";
import { extractTraceContext, injectTraceContext, inSpan, startTracing } from "../src/index.ts";

const received: { url: string | undefined; body: string }[] = [];
const collector = createServer(async (request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  received.push({ url: request.url, body: Buffer.concat(chunks).toString() });
  response.writeHead(200, { "content-type": "application/json" }).end("{}");
});
collector.listen(0, "127.0.0.1");
await once(collector, "listening");
t.teardown(() => collector.close());

// What the chart sets from the downward API.
process.env.OTEL_RESOURCE_ATTRIBUTES = "k8s.pod.name=sdk-test-7d9f,k8s.namespace.name=tpx";
const exporter = new InMemorySpanExporter();
const tracing = startTracing({
  service: "sdk-test",
  otlpEndpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`,
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
});

t.test("spans are recorded with their parents and exported to the collector", async (t) => {
  const parent = extractTraceContext({ traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });
  let carrier: Record<string, string> = {};
  await inSpan("handle request", { parent, kind: SpanKind.SERVER, attributes: { route: "/x" } }, async () => {
    await inSpan("inner work", {}, async () => {
      carrier = injectTraceContext();
    });
  });
  const spans = exporter.getFinishedSpans();
  const outer = spans.find((span) => span.name === "handle request");
  const inner = spans.find((span) => span.name === "inner work");
  t.equal(outer?.spanContext().traceId, "4bf92f3577b34da6a3ce929d0e0e4736");
  t.equal(outer?.parentSpanContext?.spanId, "00f067aa0ba902b7");
  t.equal(outer?.attributes.route, "/x");
  t.equal(outer?.resource.attributes["service.name"], "sdk-test");
  t.equal(outer?.resource.attributes["k8s.pod.name"], "sdk-test-7d9f", "OTEL_RESOURCE_ATTRIBUTES reach the spans");
  t.equal(inner?.parentSpanContext?.spanId, outer?.spanContext().spanId);
  t.match(carrier.traceparent, `-${inner?.spanContext().spanId}-01`);

  await tracing.shutdown();
  t.equal(received.length > 0, true, "the batch was sent on shutdown");
  t.equal(received[0]?.url, "/v1/traces");
  const body = received.map((request) => request.body).join("");
  for (const text of ["sdk-test", "handle request", "inner work"]) t.match(body, text, `the export names ${text}`);
});
