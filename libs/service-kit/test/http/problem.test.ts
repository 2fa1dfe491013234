import { Type } from "@sinclair/typebox";
import { createLogger } from "@tpx/observability";
import t from "tap";
import { buildServer, ConflictError, createMetricsRegistry, Readiness } from "../../src/index.ts";

function server(readiness = new Readiness()) {
  const app = buildServer({
    logger: createLogger({ service: "test", level: "silent" }),
    readiness,
    metrics: createMetricsRegistry("test"),
    bodyLimit: 1024,
  });
  app.post(
    "/things",
    {
      schema: {
        body: Type.Object(
          { name: Type.String({ minLength: 2 }), size: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ ok: request.body.name }),
  );
  app.get("/conflict", async () => {
    throw new ConflictError("THING_EXISTS", "A thing with that name exists.");
  });
  app.get("/boom", async () => {
    throw new Error("database password is hunter2");
  });
  return app;
}

t.test("problem+json error shape", async (t) => {
  const app = server();
  t.teardown(() => app.close());

  t.test("schema violations name every field", async (t) => {
    const response = await app.inject({ method: "POST", url: "/things", payload: { name: "x", extra: 1 } });
    t.equal(response.statusCode, 400);
    t.match(response.headers["content-type"], /^application\/problem\+json/);
    const body = response.json();
    t.match(body, { status: 400, code: "VALIDATION_FAILED", title: "Invalid request" });
    const fields = body.errors.map((error: { field: string }) => error.field).sort();
    t.same(fields, ["body.extra", "body.name", "body.size"]);
  });

  t.test("malformed JSON is a 400, not a 500", async (t) => {
    const response = await app.inject({
      method: "POST",
      url: "/things",
      payload: "{nope",
      headers: { "content-type": "application/json" },
    });
    t.equal(response.statusCode, 400);
    t.match(response.headers["content-type"], /^application\/problem\+json/);
  });

  t.test("a body over the limit is a 413", async (t) => {
    const response = await app.inject({ method: "POST", url: "/things", payload: { name: "x".repeat(5000), size: 1 } });
    t.equal(response.statusCode, 413);
    t.equal(response.json().status, 413);
  });

  t.test("an unsupported media type is a 415", async (t) => {
    const response = await app.inject({
      method: "POST",
      url: "/things",
      payload: "a",
      headers: { "content-type": "text/csv" },
    });
    t.equal(response.statusCode, 415);
  });

  t.test("named errors keep their status and code", async (t) => {
    const response = await app.inject({ method: "GET", url: "/conflict" });
    t.equal(response.statusCode, 409);
    t.match(response.json(), { code: "THING_EXISTS", detail: "A thing with that name exists.", instance: "/conflict" });
  });

  t.test("unexpected errors are 500 with details hidden", async (t) => {
    const response = await app.inject({ method: "GET", url: "/boom" });
    t.equal(response.statusCode, 500);
    t.notMatch(response.body, /hunter2/);
    t.equal(response.json().code, "INTERNAL");
  });

  t.test("unknown routes are a 404 problem", async (t) => {
    const response = await app.inject({ method: "GET", url: "/nothing-here" });
    t.equal(response.statusCode, 404);
    t.equal(response.json().code, "ROUTE_NOT_FOUND");
  });

  t.test("request ids are echoed or generated", async (t) => {
    const given = await app.inject({ method: "GET", url: "/healthz", headers: { "x-request-id": "abc-123" } });
    t.equal(given.headers["x-request-id"], "abc-123");
    const generated = await app.inject({ method: "GET", url: "/healthz" });
    t.match(generated.headers["x-request-id"], /^[0-9a-f-]{36}$/);
  });
});

t.test("health, readiness and metrics", async (t) => {
  const readiness = new Readiness();
  let databaseUp = true;
  readiness.addCheck("database", async () => {
    if (!databaseUp) throw new Error("connection refused");
  });
  const app = server(readiness);
  t.teardown(() => app.close());

  t.equal((await app.inject("/healthz")).statusCode, 200);
  t.equal((await app.inject("/readyz")).statusCode, 200);
  databaseUp = false;
  const down = await app.inject("/readyz");
  t.equal(down.statusCode, 503);
  t.match(down.json(), { code: "NOT_READY", checks: { database: "connection refused" } });
  databaseUp = true;
  readiness.markShuttingDown();
  const stopping = await app.inject("/readyz");
  t.equal(stopping.statusCode, 503);
  t.equal((await app.inject("/healthz")).statusCode, 200, "liveness does not depend on readiness");

  await app.inject({ method: "POST", url: "/things", payload: {} });
  const metrics = await app.inject("/metrics");
  t.match(metrics.body, /http_request_duration_seconds_count\{.*route="\/things".*status_code="400".*\} 1/);
  t.match(metrics.body, /process_resident_memory_bytes/);
});
