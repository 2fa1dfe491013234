import t from "tap";
import { parse } from "yaml";
import type { ConfigMap, Deployment } from "./support/manifests.ts";
import { queriedMetrics, registeredMetrics } from "./support/metrics.ts";
import { renderChart } from "./support/render.ts";
import { devValues, prodValues, readRepoFile } from "./support/repository.ts";

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}

const dashboardFile = "deploy/observability/dashboards/tpx-overview.json";
const dashboard = JSON.parse(readRepoFile(dashboardFile)) as { uid: string; panels: Panel[] };
const expressions = dashboard.panels.flatMap((p) => (p.targets ?? []).map((target) => target.expr));

t.test("the dashboard shows what operators need", async (t) => {
  const all = expressions.join("\n");
  t.match(all, /rate\(http_request_duration_seconds_count/, "request rate");
  t.match(all, /histogram_quantile\(0\.5, .*http_request_duration_seconds_bucket/, "latency p50");
  t.match(all, /histogram_quantile\(0\.99, .*http_request_duration_seconds_bucket/, "latency p99");
  t.match(all, /status_code=~"5\.\."/, "5xx");
  t.match(all, /by \(service[,)]/, "per service");
  for (const metric of [
    "jetstream_consumer_num_pending",
    "tpx_outbox_pending",
    "tpx_dead_letters_total",
    "tpx_pcr_recomputes_total",
  ]) {
    t.match(all, new RegExp(`\\b${metric}\\b`), metric);
  }
});

t.test("every tpx_ and http_ metric the dashboard queries is registered by the code", async (t) => {
  const registered = registeredMetrics();
  const queried = queriedMetrics(expressions);
  for (const metric of queried) t.ok(registered.has(metric), `${metric} is registered in libs/ or services/`);
});

t.test("the chart ships the dashboard from deploy/observability in a grafana_dashboard ConfigMap", async (t) => {
  const manifests = await renderChart({ values: [prodValues] });
  const configMap = manifests.ofKind<ConfigMap>("ConfigMap").find((c) => c.metadata.labels?.grafana_dashboard === "1");
  t.equal(configMap?.data?.["tpx-overview.json"]?.trim(), readRepoFile(dashboardFile).trim());
  t.equal(JSON.parse(configMap?.data?.["tpx-overview.json"] ?? "{}").uid, dashboard.uid);
});

t.test("the collector takes OTLP where the services send it and forwards traces", async (t) => {
  const collectorFile = readRepoFile("deploy/observability/otel-collector.yaml");
  const collector = parse(collectorFile) as {
    receivers: { otlp: { protocols: { http: { endpoint: string }; grpc: { endpoint: string } } } };
    processors: Record<string, unknown>;
    exporters: Record<string, { endpoint?: string }>;
    service: { pipelines: { traces: { receivers: string[]; processors: string[]; exporters: string[] } } };
  };
  const httpPort = collector.receivers.otlp.protocols.http.endpoint.split(":").pop();
  t.match(collector.receivers.otlp.protocols.http.endpoint, /^0\.0\.0\.0:/, "listens beyond localhost");
  const traces = collector.service.pipelines.traces;
  t.ok(traces.processors.includes("batch"), "batches");
  t.ok(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the collector's env substitution syntax, not a template
    traces.exporters.some((e) => collector.exporters[e]?.endpoint === "${env:TRACES_OTLP_ENDPOINT}"),
    "exports to the trace viewer named by TRACES_OTLP_ENDPOINT",
  );

  const compose = parse(readRepoFile("docker/compose.yaml"), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
  };
  t.ok(compose.services["otel-collector"]?.environment?.TRACES_OTLP_ENDPOINT, "compose sets TRACES_OTLP_ENDPOINT");
  t.ok(
    compose.services["otel-collector"]?.volumes?.some((v) =>
      v.startsWith("../deploy/observability/otel-collector.yaml:"),
    ),
    "compose mounts this config",
  );
  t.equal(
    compose.services.gateway?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT,
    `http://otel-collector:${httpPort}`,
    "compose services send OTLP/HTTP to the collector",
  );

  const manifests = await renderChart({ values: [devValues] });
  const configMap = manifests.find<ConfigMap>("ConfigMap", "tpx-otel-collector");
  t.equal(configMap?.data?.["config.yaml"]?.trim(), collectorFile.trim(), "the dev chart runs the same config");
  const deployment = manifests.find<Deployment>("Deployment", "tpx-otel-collector");
  t.ok(
    deployment?.spec.template.spec.containers[0]?.env?.some((e) => e.name === "TRACES_OTLP_ENDPOINT"),
    "the dev collector gets TRACES_OTLP_ENDPOINT",
  );
  const gateway = manifests.deploymentOf("gateway");
  const container = gateway?.spec.template.spec.containers[0];
  t.equal(
    container && manifests.environmentOf(container).get("OTEL_EXPORTER_OTLP_ENDPOINT")?.value,
    `http://tpx-otel-collector:${httpPort}`,
    "dev chart services send OTLP/HTTP to the collector",
  );
});
