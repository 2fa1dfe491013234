import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import t from "tap";
import { renderChart, renderChartFailure, renderNotes, schemaErrors } from "./support/render.ts";
import { devValues, prodValues } from "./support/repository.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "tpx-chart-guards-"));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
function valuesFile(name: string, yaml: string): string {
  const file = path.join(scratch, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

t.test("both values files pass the chart's schema", async (t) => {
  t.equal(await schemaErrors([devValues]), "", "values-dev.yaml");
  t.equal(await schemaErrors([prodValues]), "", "values-prod.yaml");
});

t.test("production refuses a database URL written in values", async (t) => {
  const override = valuesFile(
    "prod-url",
    "services:\n  scoring:\n    database:\n      url: postgresql://u:p@db/scoring\n",
  );
  t.match(await schemaErrors([prodValues, override]), /url/, "the schema rejects it");
  t.match(
    await renderChartFailure({ values: [prodValues, override] }),
    /development only/,
    "the templates refuse it too",
  );
});

t.test("production refuses the dev infrastructure", async (t) => {
  const override = valuesFile("prod-dev-infra", "devInfrastructure:\n  enabled: true\n");
  t.not(await schemaErrors([prodValues, override]), "", "the schema rejects it");
  t.match(await renderChartFailure({ values: [prodValues, override] }), /requires environment: development/);
});

t.test("the schema is strict about names and types", async (t) => {
  t.match(await schemaErrors([valuesFile("unknown-service", "services:\n  billing: {}\n")]), /billing|propertyName/);
  t.match(await schemaErrors([valuesFile("typo", "defaults:\n  replica: 2\n")]), /additional/);
  t.match(await schemaErrors([valuesFile("type", "defaults:\n  replicas: two\n")]), /integer/);
  t.match(
    await schemaErrors([valuesFile("upstream", "services:\n  gateway:\n    upstreams: [billing]\n")]),
    /allowed values/,
  );
});

t.test("the grace period must cover the shutdown delay and timeout", async (t) => {
  const override = valuesFile("grace", "defaults:\n  terminationGracePeriodSeconds: 10\n");
  t.match(await renderChartFailure({ values: [devValues, override] }), /terminationGracePeriodSeconds/);
});

t.test("an existing Secret replaces the chart-made one", async (t) => {
  const override = valuesFile(
    "existing-secret",
    "services:\n  scoring:\n    database:\n      existingSecret: scoring-db-app\n      secretKey: uri\n",
  );
  const manifests = await renderChart({ values: [prodValues, override] });
  const container = manifests.deploymentOf("scoring")?.spec.template.spec.containers[0];
  t.same(container?.env?.find((e) => e.name === "DATABASE_URL")?.valueFrom?.secretKeyRef, {
    name: "scoring-db-app",
    key: "uri",
  });
  t.same(
    manifests.migrationJobOf("scoring")?.spec.template.spec.containers[0]?.env?.find((e) => e.name === "DATABASE_URL")
      ?.valueFrom?.secretKeyRef,
    { name: "scoring-db-app", key: "uri" },
    "the migration Job reads the same Secret",
  );
});

t.test("a per-service false overrides a default true (deep merge keeps false, 0 and empty strings)", async (t) => {
  const override = valuesFile("no-migrations", "services:\n  gateway:\n    migrations:\n      enabled: false\n");
  const manifests = await renderChart({ values: [devValues, override] });
  t.equal(manifests.migrationJobOf("gateway"), undefined, "gateway without migration Job");
  t.ok(manifests.migrationJobOf("scoring"), "the others keep theirs");
});

t.test("NOTES.txt renders and tells what the release needs", async (t) => {
  const prod = await renderNotes({ values: [prodValues] });
  t.match(prod, /create secret generic tpx-scoring-database/, "production: which Secrets to create");
  t.match(prod, /pre-install,pre-upgrade/, "production: migrations before the rollout");
  const dev = await renderNotes({ values: [devValues] });
  t.match(dev, /port-forward svc\/tpx-gateway 8080:8080/, "development: how to reach the gateway");
  t.match(dev, /post-install,pre-upgrade/, "development: migrations after the dev PostgreSQL exists");
});
