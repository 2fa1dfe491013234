// Targets P1 and P2: what the gateway's proxy hop costs next to nginx `proxy_pass` in front of the same service, and
// next to calling the service directly. One run, interleaved rounds, GET and POST (small JSON body), saturation
// throughput and p99 per target, ratios per round, median and min..max printed, plus the CPU the proxy process
// spent per request (from /proc, user + kernel).
//
//   npm run bench -- gateway-proxy [--rounds 5] [--duration 4] [--connections 50] [--methods GET,POST]
//                                  [--only direct,nginx,floor,gateway,full] [--log-level info] [--profile DIR]
//                                  [--baseline-main path/to/other/services/gateway/src/main.ts]
//
// Targets: `direct` (the service), `nginx` (proxy_pass, keep-alive upstream, one process), `floor` (the gateway's
// own forward() in a bare fastify: what a Node hop of ours costs before any feature), `gateway` (an anonymous call
// through the real gateway: hooks, logging, tracing, metrics, per-IP rate limit, proxy), `full` (the same with a
// user's JWT: verification, session denylist, per-user rate limit, proxy; the client repeats its token, as clients
// do). The gateway runs as its own process from services/gateway/src/main.ts, the way it runs in production (tsx,
// NODE_ENV production, LOG_LEVEL info, logs to /dev/null); the service, nginx, the floor and every autocannon run
// are processes of their own too. `--profile DIR` writes the gateway's CPU profile there (node --cpu-prof).
// `--baseline-main` runs a second gateway from another checkout (e.g. `git archive` of an older commit, with
// node_modules linked) as `before` and `before-full`, measured in the same interleaved rounds.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createTestDatabase, testNamespace } from "@tpx/testing";
import Fastify from "fastify";
import type { Config } from "../services/gateway/src/config.ts";
import { forward } from "../services/gateway/src/proxy/forward.ts";
import { createUpstreams } from "../services/gateway/src/proxy/upstreams.ts";
import { Cleanup } from "./support/environment.ts";
import { median, summarize } from "./support/stats.ts";

const { values } = parseArgs({
  options: {
    role: { type: "string", default: "main" },
    port: { type: "string", default: "0" },
    rounds: { type: "string", default: "5" },
    duration: { type: "string", default: "4" },
    connections: { type: "string", default: "50" },
    methods: { type: "string", default: "GET,POST" },
    only: { type: "string", default: "direct,nginx,floor,gateway,full" },
    upstream: { type: "string", default: "" },
    "log-level": { type: "string", default: "info" },
    profile: { type: "string" },
    "baseline-main": { type: "string" },
  },
});

const POST_BODY = JSON.stringify({ name: "Acme", tier: "GOLD", score: 87.25 });

/** The proxied service: what a small JSON read or write of ours looks like. */
async function runUpstream(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get("/items/:id", async (request) => ({ id: (request.params as { id: string }).id, name: "Acme", score: 87.25 }));
  app.post("/items", async (request, reply) => reply.code(201).send({ received: request.body }));
  const url = await app.listen({ host: "127.0.0.1", port: Number(values.port) });
  process.stdout.write(`${url}\n`);
}

/**
 * The floor: the gateway's own `forward()` and upstream pool in a bare fastify, with none of the gateway's hooks (no
 * logging, tracing, metrics, headers, authentication, rate limits). What any Node proxy hop of ours costs at least.
 */
async function runFloor(): Promise<void> {
  const origin = values.upstream ?? "";
  const upstreams = createUpstreams({
    PARTNER_URL: origin,
    SURVEY_URL: origin,
    SCORING_URL: origin,
    MATCHING_URL: origin,
    NOTIFICATION_URL: origin,
    UPSTREAM_CONNECTIONS: 64,
    UPSTREAM_CONNECT_TIMEOUT_MS: 1_000,
    UPSTREAM_TIMEOUT_MS: 10_000,
  } as Config);
  const upstream = upstreams.get("scoring");
  if (!upstream) throw new Error("no upstream");
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
  app.all("/api/scoring/*", (request, reply) =>
    forward(request, reply, { upstream, path: request.url.slice("/api/scoring".length), bodyLimit: 1_048_576 }),
  );
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  process.stdout.write(`${url}\n`);
}

function startRole(role: string, extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ["--import", "tsx", script, "--role", role, ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve({ url: chunk.toString().trim(), child }));
    child.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
  });
}

interface Server {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** One nginx process (no master), one worker's worth of CPU, keep-alive to the service like the gateway's pool. */
async function startNginx(upstreamUrl: string): Promise<Server | undefined> {
  if (spawnSync("nginx", ["-v"]).error) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "gw-bench-nginx-"));
  const port = await freePort();
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `master_process off;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream service { server ${new URL(upstreamUrl).host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://service; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
  );
  const child = spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}/items/1`);
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

/** The gateway as in production: its main.ts under tsx, its own database, stream namespace and Redis prefix. */
async function startGatewayProcess(
  cleanup: Cleanup,
  upstreamUrl: string,
  main = fileURLToPath(new URL("../services/gateway/src/main.ts", import.meta.url)),
): Promise<Server> {
  const database = await createTestDatabase(cleanup, {
    migrationsDir: fileURLToPath(new URL("../services/gateway/prisma/migrations", import.meta.url)),
    name: "bench_gateway",
  });
  const port = await freePort();
  const nodeArgs = values.profile ? ["--cpu-prof", "--cpu-prof-dir", values.profile] : [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", main], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: values["log-level"],
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: database.url,
      EVENT_NAMESPACE: testNamespace(cleanup),
      SCORING_URL: upstreamUrl,
      DEV_MAILBOX: "false",
      RATE_LIMIT_API_PER_MINUTE: "1000000000",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000000",
      RATE_LIMIT_LOGIN_PER_MINUTE: "1000",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const server = { url, pid: child.pid, stop: () => stopChild(child) };
  cleanup.teardown(() => server.stop());
  await waitUntilUp(`${url}/healthz`, 60_000);
  console.log(`gateway ${url} (pid ${child.pid})`);
  return server;
}

async function waitUntilUp(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** User and system CPU of a process so far, in microseconds (Linux; zeros elsewhere). */
function cpuMicros(pid: number | undefined): { user: number; system: number } {
  if (!pid) return { user: 0, system: 0 };
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return { user: (Number(fields[11]) * 1_000_000) / 100, system: (Number(fields[12]) * 1_000_000) / 100 };
  } catch {
    return { user: 0, system: 0 };
  }
}

interface Measurement {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  /** CPU the proxy process spent per request, µs (targets with a proxy only), and the kernel's part of it. */
  cpuPerRequestUs: number;
  systemPerRequestUs: number;
}

const autocannonBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve("autocannon/package.json")),
  "autocannon.js",
);

interface Target {
  name: string;
  base: string;
  prefix: string;
  headers: Record<string, string>;
  pid: number | undefined;
}

/** autocannon in its own process; this process only waits. */
async function measure(target: Target, method: string, duration: string): Promise<Measurement> {
  const itemPath = method === "POST" ? "/items" : "/items/42";
  const args = [autocannonBin, "-j", "-c", values.connections ?? "50", "-d", duration, "-m", method];
  for (const [name, value] of Object.entries(target.headers)) args.push("-H", `${name}=${value}`);
  if (method === "POST") args.push("-H", "content-type=application/json", "-b", POST_BODY);
  const cpuBefore = cpuMicros(target.pid);
  const child = spawn(process.execPath, [...args, `${target.base}${target.prefix}${itemPath}`], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  await new Promise((resolve) => child.once("exit", resolve));
  const cpuAfter = cpuMicros(target.pid);
  const report = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  const perRequest = (micros: number) =>
    target.pid && report.requests.total > 0 ? micros / report.requests.total : Number.NaN;
  return {
    requestsPerSecond: report.requests.average,
    p99Ms: report.latency.p99,
    errors: report.non2xx + report.errors,
    cpuPerRequestUs: perRequest(cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system),
    systemPerRequestUs: perRequest(cpuAfter.system - cpuBefore.system),
  };
}

async function signUp(gatewayUrl: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/api/gateway/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.com`,
      password: "benchmark password",
      role: "contractor",
    }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { session: { accessToken: string } };
  return body.session.accessToken;
}

function report(method: string, targets: Target[], results: Map<string, Measurement[]>, rounds: number): void {
  const of = (name: string) => results.get(name) ?? [];
  const ratios = (a: string, b: string, field: keyof Measurement) =>
    of(a).map((m, index) => m[field] / (of(b)[index]?.[field] || Number.NaN));
  const path = method === "POST" ? "POST /items (small JSON body)" : "GET /items/42";
  console.log(`\n${path}, ${values.connections} connections, ${values.duration} s x ${rounds} rounds`);
  for (const { name } of targets) {
    const all = of(name);
    const rps = all.map((m) => m.requestsPerSecond);
    const p99 = all.map((m) => m.p99Ms);
    const cpu = all.map((m) => m.cpuPerRequestUs).filter((value) => !Number.isNaN(value));
    const system = all.map((m) => m.systemPerRequestUs).filter((value) => !Number.isNaN(value));
    console.log(
      `  ${name.padEnd(8)} ${Math.round(median(rps))} req/s (${Math.round(Math.min(...rps))}..${Math.round(Math.max(...rps))}), ` +
        `p99 ${median(p99)} ms (${Math.min(...p99)}..${Math.max(...p99)})` +
        (cpu.length ? `, proxy CPU ${Math.round(median(cpu))} µs/request (kernel ${Math.round(median(system))})` : "") +
        (all.some((m) => m.errors) ? `, errors ${all.map((m) => m.errors).join("/")}` : ""),
    );
  }
  const has = (name: string) => targets.some((target) => target.name === name);
  const line = (label: string, a: string, b: string, field: keyof Measurement = "requestsPerSecond") => {
    if (has(a) && has(b)) console.log(`  ${label.padEnd(34)} ${summarize(ratios(a, b, field))}`);
  };
  console.log("  ratios (median of per-round ratios, min..max):");
  line("gateway / direct throughput", "gateway", "direct");
  line("gateway / direct p99", "gateway", "direct", "p99Ms");
  line("nginx / direct throughput", "nginx", "direct");
  line("floor / nginx throughput", "floor", "nginx");
  line("gateway / nginx throughput (P1)", "gateway", "nginx");
  line("full / nginx throughput (P2)", "full", "nginx");
  line("full / direct throughput", "full", "direct");
  line("full / direct p99", "full", "direct", "p99Ms");
  line("full / gateway throughput", "full", "gateway");
  line("before / nginx throughput", "before", "nginx");
  line("before-full / nginx throughput", "before-full", "nginx");
  line("gateway / before throughput", "gateway", "before");
  line("full / before-full throughput", "full", "before-full");
}

async function main(): Promise<void> {
  if (values.role === "upstream") return runUpstream();
  if (values.role === "floor") return runFloor();
  const wanted = new Set((values.only ?? "").split(","));
  const methods = (values.methods ?? "GET").split(",").map((method) => method.trim().toUpperCase());
  const cleanup = new Cleanup();
  try {
    const upstream = await startRole("upstream");
    cleanup.teardown(() => stopChild(upstream.child));
    const floor = wanted.has("floor") ? await startRole("floor", ["--upstream", upstream.url]) : undefined;
    if (floor) cleanup.teardown(() => stopChild(floor.child));
    const nginx = wanted.has("nginx") ? await startNginx(upstream.url) : undefined;
    if (nginx) cleanup.teardown(() => nginx.stop());
    const gateway = await startGatewayProcess(cleanup, upstream.url);
    const token = wanted.has("full") ? await signUp(gateway.url) : "";
    const baselineMain = values["baseline-main"];
    const baseline = baselineMain ? await startGatewayProcess(cleanup, upstream.url, baselineMain) : undefined;
    const baselineToken = baseline && wanted.has("full") ? await signUp(baseline.url) : "";
    const all: Target[] = [
      { name: "direct", base: upstream.url, prefix: "", headers: {}, pid: undefined },
      ...(nginx ? [{ name: "nginx", base: nginx.url, prefix: "", headers: {}, pid: nginx.pid }] : []),
      ...(floor ? [{ name: "floor", base: floor.url, prefix: "/api/scoring", headers: {}, pid: floor.child.pid }] : []),
      { name: "gateway", base: gateway.url, prefix: "/api/scoring", headers: {}, pid: gateway.pid },
      {
        name: "full",
        base: gateway.url,
        prefix: "/api/scoring",
        headers: { authorization: `Bearer ${token}` },
        pid: gateway.pid,
      },
      ...(baseline
        ? [
            { name: "before", base: baseline.url, prefix: "/api/scoring", headers: {}, pid: baseline.pid },
            {
              name: "before-full",
              base: baseline.url,
              prefix: "/api/scoring",
              headers: { authorization: `Bearer ${baselineToken}` },
              pid: baseline.pid,
            },
          ]
        : []),
    ];
    const targets = all.filter((target) => wanted.has(target.name.replace(/^before-?/, "") || "gateway"));

    // warm-up: JIT, keep-alive pools, Redis scripts
    for (const method of methods) for (const target of targets) await measure(target, method, "2");

    const rounds = Number(values.rounds);
    const results = new Map<string, Map<string, Measurement[]>>(
      methods.map((method) => [method, new Map(targets.map((target) => [target.name, []]))]),
    );
    for (let round = 1; round <= rounds; round += 1) {
      for (const method of methods) {
        const line: string[] = [];
        for (const target of targets) {
          const m = await measure(target, method, values.duration ?? "4");
          results.get(method)?.get(target.name)?.push(m);
          line.push(
            `${target.name} ${Math.round(m.requestsPerSecond)}/s p99 ${m.p99Ms} ms${m.errors ? ` (${m.errors} errors)` : ""}`,
          );
        }
        console.log(`round ${round} ${method.padEnd(4)} ${line.join(" | ")}`);
      }
    }
    for (const method of methods) report(method, targets, results.get(method) ?? new Map(), rounds);
    if (!nginx && wanted.has("nginx"))
      console.log("\nnginx not installed: no proxy_pass reference in this run (apt-get install -y nginx-light)");
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => {
    if (values.role === "main") process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
