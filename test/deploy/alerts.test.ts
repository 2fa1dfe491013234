import t from "tap";
import { parse } from "yaml";
import type { K8sObject } from "./support/manifests.ts";
import { queriedMetrics, registeredMetrics } from "./support/metrics.ts";
import { renderChart } from "./support/render.ts";
import { prodValues, readRepoFile } from "./support/repository.ts";

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const rulesFile = "deploy/observability/alerts/tpx-alerts.yaml";
const rules = (parse(readRepoFile(rulesFile)) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap(
  (group) => group.rules,
);

t.test("every alert is complete enough to act on", async (t) => {
  t.ok(rules.length > 0, "the file has rules");
  for (const rule of rules) {
    t.match(rule, { alert: /^Tpx[A-Z]\w+$/, expr: String, for: /^\d+[smh]$/ }, `${rule.alert} has a name, expr, for`);
    t.match(rule.labels?.severity, /^(warning|critical)$/, `${rule.alert} has a severity`);
    t.ok(rule.annotations?.summary && rule.annotations.description, `${rule.alert} says what happened and what to do`);
  }
});

t.test("parked outbox rows alert after some minutes", async (t) => {
  const parked = rules.find((rule) => rule.alert === "TpxOutboxParked");
  t.match(parked?.expr, /\btpx_outbox_parked\b.*> 0$/);
  t.match(parked?.for, /^([2-9]|1[0-5])m$/, "a few minutes, not instantly and not for hours");
});

t.test("every tpx_ and http_ metric an alert queries is registered by the code", async (t) => {
  const registered = registeredMetrics();
  const queried = queriedMetrics(rules.map((rule) => rule.expr));
  for (const metric of queried) t.ok(registered.has(metric), `${metric} is registered in libs/ or services/`);
});

t.test("production ships the rules as a PrometheusRule the operator picks up", async (t) => {
  const manifests = await renderChart({ values: [prodValues] });
  const [rule] = manifests.ofKind<K8sObject & { spec?: unknown }>("PrometheusRule");
  t.equal(rule?.metadata.labels?.release, "kube-prometheus-stack", "labelled for the operator's rule selector");
  t.same(rule?.spec, parse(readRepoFile(rulesFile)), "the spec is deploy/observability's rule file, unchanged");
});
