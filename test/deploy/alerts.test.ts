import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import t from "tap";
import { parse } from "yaml";
import { readRepoFile, repoPath } from "./support/repository.ts";

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

/** Metric names registered in the TypeScript sources (prom-client `name: "..."`), as observability.test.ts finds them. */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (entry === "node_modules" || entry === "generated") continue;
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith(".ts")) {
        for (const match of readFileSync(file, "utf8").matchAll(/name:\s*"([a-z_:][a-z0-9_:]*)"/g))
          names.add(match[1] as string);
      }
    }
  };
  for (const root of ["libs", "services"]) {
    for (const workspace of readdirSync(repoPath(root))) {
      const src = repoPath(root, workspace, "src");
      if (statSync(src, { throwIfNoEntry: false })?.isDirectory()) walk(src);
    }
  }
  return names;
}

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
  const queried = new Set(
    [
      ...rules
        .map((rule) => rule.expr)
        .join("\n")
        .matchAll(/\b((?:tpx|http)_[a-z0-9_]+)/g),
    ].map((m) => (m[1] as string).replace(/_(bucket|count|sum)$/, "")),
  );
  for (const metric of queried) t.ok(registered.has(metric), `${metric} is registered in libs/ or services/`);
});
