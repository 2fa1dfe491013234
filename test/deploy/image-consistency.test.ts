import { execFile } from "node:child_process";
import { promisify } from "node:util";
import t from "tap";
import { parse } from "yaml";
import { deploycheckTools } from "./support/deploycheck-tools.ts";
import { parseStages, uses } from "./support/dockerfile.ts";
import type { Container, Deployment } from "./support/manifests.ts";
import { renderChart } from "./support/render.ts";
import { devValues, prodValues, readRepoFile, repoPath, serviceNames } from "./support/repository.ts";

const run = promisify(execFile);
const services = serviceNames();
const dockerfilePath = "docker/service.Dockerfile";
const dockerfile = readRepoFile(dockerfilePath);
const tiltfile = readRepoFile("Tiltfile");

function tiltfileString(name: string): string {
  const match = new RegExp(`^${name}\\s*=\\s*'([^']*)'`, "m").exec(tiltfile);
  if (!match) throw new Error(`Tiltfile does not define ${name} = '...'`);
  return match[1] as string;
}

function tiltfileList(name: string): string[] {
  const match = new RegExp(`^${name}\\s*=\\s*\\[([^\\]]*)\\]`, "m").exec(tiltfile);
  if (!match) throw new Error(`Tiltfile does not define ${name} = [...]`);
  return [...(match[1] as string).matchAll(/'([^']+)'/g)].map((m) => m[1] as string).sort();
}

t.test("the Dockerfile declares ARG SERVICE in every stage that uses it", async (t) => {
  const { stages } = parseStages(dockerfile);
  t.ok(stages.length > 1, "multi-stage");
  for (const stage of stages) {
    const firstUse = stage.lines.findIndex((line) => !/^ARG\s/i.test(line) && uses(line, "SERVICE"));
    if (firstUse === -1) continue;
    const declared = stage.lines.findIndex((line) => /^ARG\s+SERVICE\b/i.test(line));
    t.ok(declared !== -1 && declared < firstUse, `stage ${stage.name ?? stage.from}: ARG SERVICE before its first use`);
  }
  const sourceCopies = stages.flatMap((s) => s.lines).filter((l) => /^COPY\s+services\//i.test(l));
  t.ok(sourceCopies.length > 0, "the service's folder is copied by path");
  for (const copy of sourceCopies)
    t.ok(uses(copy, "SERVICE"), `${copy}: copies services/\${SERVICE}, not all services`);
  t.match(
    dockerfile,
    /prisma generate --config "?services\/\$\{SERVICE\}\/prisma\.config\.ts/,
    "generates the Prisma client",
  );
  t.match(
    dockerfile,
    /npm ci --omit=dev --workspace "?services\/\$\{SERVICE\}/,
    "production dependencies of the service",
  );
  t.match(dockerfile, /^FROM node:\$\{NODE_VERSION\}/m, "node base image");
  t.match(dockerfile, /^ARG NODE_VERSION=(22|24)$/m, "Node 22 or 24 LTS");
  const runtime = stages.at(-1);
  t.equal(runtime?.name, "runtime", "the default (last) stage is the production runtime");
  t.ok(
    runtime?.lines.some((l) => /^USER\s+(node|\d+)/.test(l)),
    "runtime runs as a non-root user",
  );
  t.ok(
    runtime?.lines.some((l) => /^ENTRYPOINT\s+\[\s*"\/usr\/bin\/tini"/.test(l)),
    "tini is PID 1",
  );
  t.ok(
    runtime?.lines.some((l) => /^HEALTHCHECK .*\/healthz/.test(l)),
    "HEALTHCHECK on /healthz",
  );
});

t.test("the Tiltfile builds one image per service with the Dockerfile and SERVICE build arg", async (t) => {
  t.same(tiltfileList("SERVICES"), services, "Tiltfile SERVICES = the folders under services/");
  t.match(tiltfile, /dockerfile='docker\/service\.Dockerfile'/, "builds docker/service.Dockerfile");
  t.match(tiltfile, /build_args=\{'SERVICE': service\}/, "passes the service as build arg SERVICE");
  const target = /target='([^']+)'/.exec(tiltfile)?.[1];
  t.ok(
    parseStages(dockerfile).stages.some((s) => s.name === target),
    `the Tiltfile's target '${target}' is a stage of the Dockerfile`,
  );
});

t.test("chart images are <registry>/<service>: the refs the Tiltfile builds", async (t) => {
  const registry = tiltfileString("IMAGE_REGISTRY");
  for (const [environment, valuesFile] of Object.entries({ dev: devValues, prod: prodValues })) {
    const manifests = await renderChart({ values: [valuesFile] });
    for (const service of services) {
      const deployment = manifests.deploymentOf(service) as Deployment;
      const image = (deployment.spec.template.spec.containers.find((c) => c.name === service) as Container).image;
      t.match(image, new RegExp(`/${service}:[A-Za-z0-9._-]+$`), `${environment} ${service}: ${image}`);
      if (environment === "dev")
        t.equal(image.split(":")[0], `${registry}/${service}`, `dev ${service}: Tilt builds ${image}`);
    }
  }
  // tiltcheck evaluates the Tiltfile with the chart rendered as Tilt renders it and reports images built but never
  // deployed (a PROBLEM) and images deployed but not built (a WARN).
  const { tiltcheck } = await deploycheckTools();
  const { stdout } = await run(tiltcheck, [repoPath("Tiltfile")]).catch((error) => {
    throw new Error(`tiltcheck failed:\n${(error as { stdout?: string }).stdout}`);
  });
  t.match(stdout, new RegExp(`Tiltfile evaluated: \\d+ resources, ${services.length} images`), "six images built");
  for (const service of services) {
    t.notMatch(
      stdout,
      new RegExp(`WARN [^\\n]*image ${registry}/${service}[:\\s]`),
      `${service}: deployed image is built by Tilt`,
    );
  }
  t.notMatch(stdout, /PROBLEM/, "no Tiltfile problems");
});

t.test("compose builds the same image per service and runs its migrations first", async (t) => {
  const compose = parse(readRepoFile("docker/compose.yaml"), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const initSql = readRepoFile("docker/postgres/init-databases.sql");
  for (const service of services) {
    const app = compose.services[service];
    const migrate = compose.services[`${service}-migrate`];
    if (!app || !migrate) {
      t.fail(`${service}: compose needs services ${service} and ${service}-migrate`);
      continue;
    }
    for (const [label, definition] of [
      [service, app],
      [`${service}-migrate`, migrate],
    ] as const) {
      t.equal(definition.build?.dockerfile, dockerfilePath, `${label}: built from ${dockerfilePath}`);
      t.equal(definition.build?.args?.SERVICE, service, `${label}: build arg SERVICE=${service}`);
      t.equal(definition.image, app.image, `${label}: one image per service`);
    }
    t.same(
      migrate.command,
      ["node", "--import", "tsx", "scripts/migrate.ts", "--service", service],
      `${service}-migrate command`,
    );
    t.equal(
      app.depends_on?.[`${service}-migrate`]?.condition,
      "service_completed_successfully",
      `${service} waits for its migrations`,
    );
    const database = new URL(String(app.environment?.DATABASE_URL)).pathname.slice(1);
    t.equal(database, `tpx_${service}`, `${service}: its own database, named as npm start names it`);
    t.match(
      initSql,
      new RegExp(`CREATE DATABASE ${database}\\b`),
      `${service}: the init script creates database ${database}`,
    );
  }
});

interface ComposeService {
  image?: string;
  build?: { dockerfile?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
}
