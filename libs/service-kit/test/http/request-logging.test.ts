import { Writable } from "node:stream";
import { createLogger } from "@tpx/observability";
import t from "tap";
import { buildServer, createMetricsRegistry, Readiness } from "../../src/index.ts";

function server(requestLogging: "both" | "completed" | undefined) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  const app = buildServer({
    logger: createLogger({ service: "test", level: "info", destination }),
    readiness: new Readiness(),
    metrics: createMetricsRegistry("test"),
    ...(requestLogging ? { requestLogging } : {}),
  });
  app.get("/things/:id", async () => ({ ok: true }));
  app.get("/boom", async () => {
    throw new Error("boom");
  });
  t.teardown(() => app.close());
  return { app, lines };
}

t.test("request logging", async (t) => {
  t.test("by default fastify logs a request when it arrives and when it completes", async (t) => {
    const { app, lines } = server(undefined);
    await app.inject({ url: "/things/1" });
    t.same(
      lines.map((line) => line.msg),
      ["incoming request", "request completed"],
    );
  });

  t.test('"completed" logs one line with method, url, status and time', async (t) => {
    const { app, lines } = server("completed");
    await app.inject({ url: "/things/1?x=1" });
    t.equal(lines.length, 1);
    t.match(lines[0], {
      msg: "request completed",
      method: "GET",
      url: "/things/1?x=1",
      statusCode: 200,
      responseTime: Number,
      reqId: String,
    });
    await app.inject({ url: "/healthz" });
    t.equal(lines.length, 1, "silent routes stay silent");
  });

  t.test('"completed" still logs failures', async (t) => {
    const { app, lines } = server("completed");
    await app.inject({ url: "/boom" });
    t.ok(lines.some((line) => line.msg === "request failed" && line.level === "error"));
    t.ok(lines.some((line) => line.msg === "request completed" && line.statusCode === 500));
  });
});
