import { createRequire } from "node:module";
import type * as OtlpHttp from "@opentelemetry/exporter-trace-otlp-http";
import type * as Resources from "@opentelemetry/resources";
import type * as SdkNode from "@opentelemetry/sdk-node";
import type * as SdkTrace from "@opentelemetry/sdk-trace";

// Required on first use rather than imported: a process that exports nothing never pays for loading the SDK.
// These packages are CommonJS, so `require` returns the same instances an `import` elsewhere (e.g. a test's span
// processor) would, and keeps `startTracing` synchronous.
const require = createRequire(import.meta.url);

export interface SdkTracingSettings {
  service: string;
  otlpEndpoint?: string | undefined;
  spanProcessors: SdkTrace.SpanProcessor[];
}

/**
 * The OpenTelemetry Node SDK with the given processors, plus a batching OTLP/HTTP exporter when an endpoint is set.
 * No auto-instrumentation: HTTP spans come from the fastify hook in service-kit and messaging spans from the NATS
 * code, which carry W3C trace context explicitly.
 */
export function startSdkTracing(settings: SdkTracingSettings): () => Promise<void> {
  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof SdkNode;
  const { detectResources, envDetector, resourceFromAttributes } =
    require("@opentelemetry/resources") as typeof Resources;
  const processors = [...settings.spanProcessors];
  if (settings.otlpEndpoint) {
    const { OTLPTraceExporter } = require("@opentelemetry/exporter-trace-otlp-http") as typeof OtlpHttp;
    const { BatchSpanProcessor } = require("@opentelemetry/sdk-trace") as typeof SdkTrace;
    const url = `${settings.otlpEndpoint.replace(/\/$/, "")}/v1/traces`;
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }));
  }
  const sdk = new NodeSDK({
    // OTEL_RESOURCE_ATTRIBUTES (the chart sets k8s.pod.name, k8s.namespace.name) is read; the other detectors (host,
    // process) are skipped on purpose: they cost start-up time and say nothing the pod labels don't.
    resource: detectResources({ detectors: [envDetector] }).merge(
      resourceFromAttributes({ "service.name": settings.service }),
    ),
    autoDetectResources: false,
    instrumentations: [],
    spanProcessors: processors,
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return () => sdk.shutdown();
}
