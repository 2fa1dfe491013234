// Gateway-proxied GET throughput and p99 against the same service called directly, with nginx `proxy_pass` in front
// of the same service as the reference for what a proxy hop can cost. One run, interleaved rounds (direct, nginx,
// gateway anonymous, gateway with a JWT), ratios per round, median and range printed.
//
//   npm run bench -- gateway-proxy [--rounds 5] [--duration 4] [--connections 50] [--method GET|POST]
//
// The service runs in its own process, every autocannon measurement in another, and the gateway alone in this one,
// so the gateway's CPU is its own. nginx is skipped (and said so) when the binary is missing.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import { startGateway } from "../services/gateway/test/support/gateway.ts";
import { Cleanup } from "./support/environment.ts";
import { median, summarize } from "./support/stats.ts";

const { values } = parseArgs({
  options: {
    role: { type: "string", default: "main" },
    port: { type: "string", default: "0" },
    rounds: { type: "string", default: "5" },
    duration: { type: "string", default: "4" },
    connections: { type: "string", default: "50" },
    method: { type: "string", default: "GET" },
  },
});

/** The proxied service: what a small JSON read or write of ours looks like. */
async function runUpstream(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get("/items/:id", async (request) => ({ id: (request.params as { id: string }).id, name: "Acme", score: 87.25 }));
  app.post("/items", async (request, reply) => reply.code(201).send({ received: request.body }));
  const url = await app.listen({ host: "127.0.0.1", port: Number(values.port) });
  process.stdout.write(`${url}\n`);
}

function startUpstream(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--role", "upstream"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve({ url: chunk.toString().trim(), child }));
    child.once("exit", (code) => reject(new Error(`upstream exited with ${code}`)));
  });
}

function startNginx(upstreamUrl: string): { url: string; stop(): void } | undefined {
  if (spawnSync("nginx", ["-v"]).error) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "gw-bench-nginx-"));
  const upstream = new URL(upstreamUrl);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream service { server ${upstream.host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://service; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
  );
  const child = spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "ignore" });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

interface Measurement {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

const autocannonBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve("autocannon/package.json")),
  "autocannon.js",
);

/** autocannon in its own process, awaited without blocking: the gateway in this process must keep serving. */
async function measure(url: string, headers: Record<string, string> = {}): Promise<Measurement> {
  const args = [
    autocannonBin,
    "-j",
    "-c",
    values.connections ?? "50",
    "-d",
    values.duration ?? "4",
    "-m",
    values.method ?? "GET",
  ];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  if (values.method === "POST")
    args.push("-H", "content-type=application/json", "-b", JSON.stringify({ name: "Acme", tier: "GOLD" }));
  const child = spawn(process.execPath, [...args, url], { stdio: ["ignore", "pipe", "ignore"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  await new Promise((resolve) => child.once("exit", resolve));
  const report = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSecond: report.requests.average,
    p99Ms: report.latency.p99,
    errors: report.non2xx + report.errors,
  };
}

async function main(): Promise<void> {
  if (values.role === "upstream") return runUpstream();
  const cleanup = new Cleanup();
  try {
    const upstream = await startUpstream();
    cleanup.teardown(() => upstream.child.kill("SIGTERM"));
    const nginx = startNginx(upstream.url);
    if (nginx) cleanup.teardown(() => nginx.stop());
    const gateway = await startGateway(cleanup, {
      env: {
        SCORING_URL: upstream.url,
        RATE_LIMIT_API_PER_MINUTE: "1000000000",
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000000",
        RATE_LIMIT_LOGIN_PER_MINUTE: "1000",
      },
    });
    const gatewayUrl = await gateway.app.listen({ host: "127.0.0.1", port: 0 });
    const signup = await gateway.app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { email: `bench-${Date.now()}@example.com`, password: "benchmark password", role: "contractor" },
    });
    const token: string = signup.json().session.accessToken;
    const itemPath = values.method === "POST" ? "/items" : "/items/42";
    const targets: { name: string; url: string; headers?: Record<string, string> }[] = [
      { name: "direct", url: `${upstream.url}${itemPath}` },
      ...(nginx ? [{ name: "nginx", url: `${nginx.url}${itemPath}` }] : []),
      { name: "gateway", url: `${gatewayUrl}/api/scoring${itemPath}` },
      {
        name: "gateway+jwt",
        url: `${gatewayUrl}/api/scoring${itemPath}`,
        headers: { authorization: `Bearer ${token}` },
      },
    ];
    // warm-up: JIT, keep-alive pools
    for (const target of targets) await measure(target.url, target.headers);

    const rounds = Number(values.rounds);
    const results = new Map<string, Measurement[]>(targets.map((target) => [target.name, []]));
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of targets) results.get(target.name)?.push(await measure(target.url, target.headers));
      const line = targets
        .map((target) => {
          const m = results.get(target.name)?.at(-1);
          return `${target.name} ${Math.round(m?.requestsPerSecond ?? 0)} req/s p99 ${m?.p99Ms} ms${m?.errors ? ` (${m.errors} errors)` : ""}`;
        })
        .join(" | ");
      console.log(`round ${round}: ${line}`);
    }

    const ratios = (a: string, b: string, field: keyof Measurement) => {
      const as = results.get(a) ?? [];
      const bs = results.get(b) ?? [];
      return as.map((m, index) => m[field] / (bs[index]?.[field] || Number.NaN));
    };
    console.log(
      `\n${values.method} ${itemPath}, ${values.connections} connections, ${values.duration} s x ${rounds} rounds`,
    );
    for (const name of targets.map((target) => target.name)) {
      const all = results.get(name) ?? [];
      console.log(
        `${name.padEnd(12)} median ${Math.round(median(all.map((m) => m.requestsPerSecond)))} req/s, p99 ${median(all.map((m) => m.p99Ms))} ms`,
      );
    }
    console.log("\nratios (median of per-round ratios, min..max):");
    console.log(
      `gateway / direct          throughput ${summarize(ratios("gateway", "direct", "requestsPerSecond"))}, p99 ${summarize(ratios("gateway", "direct", "p99Ms"))}`,
    );
    console.log(
      `gateway+jwt / direct      throughput ${summarize(ratios("gateway+jwt", "direct", "requestsPerSecond"))}`,
    );
    if (nginx) {
      console.log(`nginx / direct            throughput ${summarize(ratios("nginx", "direct", "requestsPerSecond"))}`);
      console.log(`gateway / nginx (P1-like) throughput ${summarize(ratios("gateway", "nginx", "requestsPerSecond"))}`);
      console.log(
        `gateway+jwt / nginx (P2)  throughput ${summarize(ratios("gateway+jwt", "nginx", "requestsPerSecond"))}`,
      );
    } else {
      console.log("nginx not installed: no proxy_pass reference in this run (apt-get install -y nginx)");
    }
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => {
    if (values.role !== "upstream") process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
