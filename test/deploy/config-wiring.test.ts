import t from "tap";
import { parse } from "yaml";
import type { Container, Deployment } from "./support/manifests.ts";
import { renderChart } from "./support/render.ts";
import { devValues, prodValues, readRepoFile, serviceNames } from "./support/repository.ts";
import { loadServiceConfig } from "./support/service-config.ts";

// Read by Node and the OpenTelemetry SDK themselves, or only composed into other variables: not in configSpec.
const runtimeVariables = new Set([
  "NODE_OPTIONS",
  "OTEL_SERVICE_NAME",
  "OTEL_RESOURCE_ATTRIBUTES",
  "POD_NAME",
  "POD_NAMESPACE",
]);

const services = serviceNames();

for (const [environment, valuesFile] of Object.entries({ dev: devValues, prod: prodValues })) {
  t.test(`values-${environment}.yaml: the chart and each service's configSpec agree`, async (t) => {
    const manifests = await renderChart({ values: [valuesFile] });
    for (const service of services) {
      t.test(service, async (t) => {
        const config = await loadServiceConfig(service);
        const deployment = manifests.deploymentOf(service) as Deployment;
        const container = deployment.spec.template.spec.containers.find((c) => c.name === service) as Container;
        const environmentOf = manifests.environmentOf(container);

        for (const name of config.required) {
          t.ok(environmentOf.has(name), `required ${name} is wired (env, envFrom or secretKeyRef)`);
        }
        for (const [name, variable] of Object.entries(config.variables)) {
          const wired = environmentOf.get(name);
          if (variable.secret && wired) {
            t.equal(wired.from, "secret", `secret ${name} comes from a Secret, never a ConfigMap or literal`);
          }
          if (wired?.value !== undefined) {
            t.doesNotThrow(
              () => variable.parse(wired.value as string),
              `${name}=${variable.secret ? "***" : wired.value} is valid`,
            );
          }
        }
        const unknown = [...environmentOf.keys()].filter(
          (name) => !(name in config.variables) && !runtimeVariables.has(name),
        );
        t.same(unknown, [], "every variable the chart sets is declared in configSpec (no typos, nothing ignored)");
      });
    }
  });
}

t.test("docker/compose.yaml gives each service what its configSpec requires", async (t) => {
  const compose = parse(readRepoFile("docker/compose.yaml"), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string | number> }>;
  };
  for (const service of services) {
    t.test(service, async (t) => {
      const config = await loadServiceConfig(service);
      const environment = compose.services[service]?.environment ?? {};
      for (const name of config.required) t.ok(name in environment, `required ${name} is set`);
      t.match(
        environment.AUTH_JWKS_URL,
        /^http:\/\/gateway:8080\/\.well-known\/jwks\.json$/,
        "tokens are verified against the gateway's published keys (without them every protected route answers 401)",
      );
      for (const [name, raw] of Object.entries(environment)) {
        const variable = config.variables[name];
        if (!variable) {
          t.ok(runtimeVariables.has(name), `${name} is declared in configSpec`);
          continue;
        }
        t.doesNotThrow(() => variable.parse(String(raw)), `${name} is valid`);
      }
    });
  }
});
