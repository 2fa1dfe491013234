import t from "tap";
import {
  type Container,
  type Deployment,
  type Ingress,
  type K8sObject,
  type Manifests,
  resolvePort,
  type Secret,
  type Service,
  type ServiceMonitor,
} from "./support/manifests.ts";
import { renderChart } from "./support/render.ts";
import { devValues, prodValues, release, serviceNames } from "./support/repository.ts";

const services = serviceNames();
const environments = { dev: devValues, prod: prodValues };
const standardLabels = [
  "app.kubernetes.io/name",
  "app.kubernetes.io/instance",
  "app.kubernetes.io/version",
  "app.kubernetes.io/component",
  "app.kubernetes.io/part-of",
  "app.kubernetes.io/managed-by",
];

function mainContainer(deployment: Deployment, service: string): Container {
  const container = deployment.spec.template.spec.containers.find((c) => c.name === service);
  if (!container) throw new Error(`${deployment.metadata.name} has no container named ${service}`);
  return container;
}

function portEnv(manifests: Manifests, container: Container): number {
  const port = manifests.environmentOf(container).get("PORT")?.value;
  if (port === undefined) throw new Error(`${container.name}: PORT is not set`);
  return Number(port);
}

t.test("six services, one name everywhere", async (t) => {
  t.same(services, ["gateway", "matching", "notification", "partner", "scoring", "survey"]);
});

for (const [environment, valuesFile] of Object.entries(environments)) {
  t.test(`values-${environment}.yaml`, async (t) => {
    const manifests = await renderChart({ values: [valuesFile] });

    t.test(
      "every service has a Deployment, Service, ServiceAccount and NetworkPolicy named <release>-<service>",
      async (t) => {
        const deployed = manifests
          .ofKind<Deployment>("Deployment")
          .filter((d) => d.metadata.labels?.["app.kubernetes.io/component"] === "service")
          .map((d) => d.metadata.labels?.["app.kubernetes.io/name"])
          .sort();
        t.same(deployed, services, "exactly the services under services/ run as Deployments");
        for (const service of services) {
          const name = `${release}-${service}`;
          t.equal(manifests.deploymentOf(service)?.metadata.name, name, `${service}: Deployment`);
          t.ok(manifests.find("Service", name), `${service}: Service`);
          t.ok(manifests.find("ServiceAccount", name), `${service}: ServiceAccount`);
          t.ok(manifests.find("NetworkPolicy", name), `${service}: NetworkPolicy`);
        }
      },
    );

    t.test("probes hit /healthz and /readyz on the port the service listens on (PORT)", async (t) => {
      for (const service of services) {
        const deployment = manifests.deploymentOf(service);
        if (!deployment) {
          t.fail(`${service}: no Deployment`);
          continue;
        }
        const container = mainContainer(deployment, service);
        const port = portEnv(manifests, container);
        t.ok(
          container.ports?.some((p) => p.containerPort === port),
          `${service}: containerPort ${port} (from PORT) is declared`,
        );
        const probes = { startupProbe: "/healthz", livenessProbe: "/healthz", readinessProbe: "/readyz" } as const;
        for (const [probeName, path] of Object.entries(probes)) {
          const probe = container[probeName as keyof typeof probes];
          t.equal(probe?.httpGet?.path, path, `${service}: ${probeName} path`);
          t.equal(resolvePort(container, probe?.httpGet?.port), port, `${service}: ${probeName} port is PORT`);
        }
        const kubeService = manifests.find<Service>("Service", `${release}-${service}`);
        const servicePort = kubeService?.spec.ports[0];
        t.equal(resolvePort(container, servicePort?.targetPort), port, `${service}: Service targets PORT`);
        t.equal(servicePort?.port, port, `${service}: Service port equals PORT (URLs use one number)`);
      }
    });

    t.test("the gateway's upstream URLs name the other services' Services and ports", async (t) => {
      const gateway = manifests.deploymentOf("gateway");
      if (!gateway) return t.fail("no gateway Deployment");
      const environment = manifests.environmentOf(mainContainer(gateway, "gateway"));
      for (const service of services.filter((s) => s !== "gateway")) {
        const kubeService = manifests.find<Service>("Service", `${release}-${service}`);
        t.equal(
          environment.get(`${service.toUpperCase()}_URL`)?.value,
          `http://${release}-${service}:${kubeService?.spec.ports[0]?.port}`,
          `${service.toUpperCase()}_URL`,
        );
      }
    });

    t.test("every service with a database has a migration Job running the migration runner", async (t) => {
      for (const service of services) {
        const job = manifests.migrationJobOf(service);
        const deployment = manifests.deploymentOf(service);
        if (!job || !deployment) {
          t.fail(`${service}: migration Job ${job ? "" : "missing"} Deployment ${deployment ? "" : "missing"}`);
          continue;
        }
        const migrate = job.spec.template.spec.containers[0];
        const app = mainContainer(deployment, service);
        t.equal(migrate?.image, app.image, `${service}: the Job runs the service's image`);
        t.same(
          [...(migrate?.command ?? []), ...(migrate?.args ?? [])],
          ["node", "--import", "tsx", "scripts/migrate.ts", "--service", service],
          `${service}: runs scripts/migrate.ts --service ${service} (args keep tini as PID 1)`,
        );
        t.same(
          manifests.environmentOf(migrate as Container).get("DATABASE_URL")?.secret,
          manifests.environmentOf(app).get("DATABASE_URL")?.secret,
          `${service}: migrates the database the service uses`,
        );
        const hook = job.metadata.annotations?.["helm.sh/hook"] ?? "";
        t.match(hook, /pre-upgrade/, `${service}: runs before an upgrade rolls out`);
        t.match(hook, /(pre|post)-install/, `${service}: runs on install`);
        t.ok(job.metadata.annotations?.["helm.sh/hook-delete-policy"], `${service}: hook delete policy`);
      }
    });

    t.test("every object carries the app.kubernetes.io labels", async (t) => {
      const unlabelled = manifests.objects.flatMap((o: K8sObject) =>
        standardLabels.filter((l) => !o.metadata.labels?.[l]).map((l) => `${o.kind}/${o.metadata.name} lacks ${l}`),
      );
      t.same(unlabelled, []);
    });

    if (environment === "dev") {
      t.test("development: each service's database exists in the dev PostgreSQL under its own role", async (t) => {
        const init =
          manifests.find<Secret>("Secret", `${release}-postgres`)?.stringData?.["10-service-databases.sql"] ?? "";
        for (const service of services) {
          const deployment = manifests.deploymentOf(service) as Deployment;
          const url = manifests.environmentOf(mainContainer(deployment, service)).get("DATABASE_URL")?.value;
          const parsed = new URL(url ?? "postgresql://missing/missing");
          const database = parsed.pathname.slice(1);
          t.match(init, `CREATE ROLE "${parsed.username}" LOGIN`, `${service}: role ${parsed.username}`);
          t.match(init, `CREATE DATABASE "${database}" OWNER "${parsed.username}"`, `${service}: database ${database}`);
          t.equal(parsed.hostname, `${release}-postgres`, `${service}: the dev PostgreSQL Service`);
        }
      });
    }

    if (environment === "prod") {
      t.test("production: autoscaling, disruption budgets, monitoring and the gateway ingress", async (t) => {
        for (const service of services) {
          const name = `${release}-${service}`;
          t.ok(manifests.find("HorizontalPodAutoscaler", name), `${service}: HPA`);
          t.ok(manifests.find("PodDisruptionBudget", name), `${service}: PDB`);
          t.ok(manifests.find("ServiceMonitor", name), `${service}: ServiceMonitor`);
          t.equal(manifests.deploymentOf(service)?.spec.replicas, undefined, `${service}: replicas left to the HPA`);
        }
        const backends = manifests
          .ofKind<Ingress>("Ingress")
          .flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name)));
        t.same([...new Set(backends)], [`${release}-gateway`], "only the gateway is behind the ingress");
        t.ok(
          manifests.ofKind("ConfigMap").some((c) => c.metadata.labels?.grafana_dashboard === "1"),
          "Grafana dashboard ConfigMap",
        );
        t.same(manifests.ofKind("Secret"), [], "no Secret rendered from values in production");
        for (const monitor of manifests.ofKind<ServiceMonitor>("ServiceMonitor")) {
          const endpoint = monitor.spec.endpoints[0];
          t.equal(endpoint?.path, "/metrics", `${monitor.metadata.name}: scrapes /metrics`);
          t.equal(endpoint?.port, "http", `${monitor.metadata.name}: on the service port`);
          t.equal(endpoint?.honorLabels, true, `${monitor.metadata.name}: keeps the services' own service label`);
        }
      });
    }
  });
}
