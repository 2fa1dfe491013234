import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { startStandIn } from "../support/stand-in.ts";
import { bearer, signUp } from "../support/users.ts";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

t.test("gateway proxy", async (t) => {
  const received: { url: string; headers: Record<string, unknown>; body?: unknown }[] = [];
  const scoring = await startStandIn(t, (app) => {
    app.all("/*", async (request, reply) => {
      received.push({ url: request.url, headers: request.headers, body: request.body });
      if (request.url.startsWith("/slow")) await new Promise((resolve) => setTimeout(resolve, 1_500));
      return reply
        .header("x-upstream", "scoring")
        .code(request.method === "POST" ? 201 : 200)
        .send({ ok: true, url: request.url });
    });
  });
  const { app } = await startGateway(t, {
    env: {
      SCORING_URL: scoring.url,
      UPSTREAM_TIMEOUT_MS: "500",
      BODY_LIMIT_BYTES: "2048",
      RATE_LIMIT_LOGIN_PER_MINUTE: "1000",
    },
  });
  const user = await signUp(app, "contractor");

  t.test("/api/<service>/<rest> reaches the service at /<rest> with query, body and the caller's token", async (t) => {
    const response = await app.inject({
      method: "POST",
      url: "/api/scoring/partners/p1/recompute?dry=1",
      headers: { ...bearer(user.accessToken), "content-type": "application/json" },
      payload: { reason: "test" },
    });
    t.equal(response.statusCode, 201);
    t.equal(response.headers["x-upstream"], "scoring");
    const last = received.at(-1);
    t.equal(last?.url, "/partners/p1/recompute?dry=1");
    t.same(last?.body, { reason: "test" });
    t.equal(last?.headers.authorization, `Bearer ${user.accessToken}`);
  });

  t.test("request id and trace context go along; the trace id is preserved", async (t) => {
    const response = await app.inject({
      url: "/api/scoring/ping",
      headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`, "x-request-id": "req-abc-123" },
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers["x-request-id"], "req-abc-123");
    const headers = received.at(-1)?.headers ?? {};
    t.equal(headers["x-request-id"], "req-abc-123");
    t.match(String(headers.traceparent), new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-0[01]$`));
    t.ok(headers["x-forwarded-for"], "the client address is forwarded");
  });

  t.test("a service that is down gives a 503 problem quickly", async (t) => {
    const started = Date.now();
    const response = await app.inject({ url: "/api/partner/partners", headers: bearer(user.accessToken) });
    t.equal(response.statusCode, 503);
    t.match(response.headers["content-type"], /application\/problem\+json/);
    t.equal(response.json().code, "UPSTREAM_UNAVAILABLE");
    t.ok(Date.now() - started < 1_500, `answered in ${Date.now() - started} ms`);
  });

  t.test("a service that does not answer in time gives 504", async (t) => {
    const response = await app.inject({ url: "/api/scoring/slow" });
    t.equal(response.statusCode, 504);
    t.equal(response.json().code, "UPSTREAM_TIMEOUT");
  });

  t.test("operational endpoints, unknown services and dot-segments do not get through", async (t) => {
    for (const url of [
      "/api/scoring/metrics",
      "/api/scoring/healthz",
      "/api/scoring/openapi.json",
      "/api/scoring/x/../metrics",
      "/api/billing/anything",
    ]) {
      const response = await app.inject({ url });
      t.equal(response.statusCode, 404, url);
    }
  });

  t.test("bodies over the limit are refused before reaching the service", async (t) => {
    const before = received.length;
    const response = await app.inject({
      method: "POST",
      url: "/api/scoring/big",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ blob: "x".repeat(4096) }),
    });
    t.equal(response.statusCode, 413);
    t.equal(received.length, before);
  });

  t.test("an invalid token is refused at the gateway, not forwarded", async (t) => {
    const before = received.length;
    t.equal((await app.inject({ url: "/api/scoring/ping", headers: bearer("x.y.z") })).statusCode, 401);
    t.equal(
      (await app.inject({ url: "/api/scoring/ping", headers: { authorization: "Basic Zm9vOmJhcg==" } })).statusCode,
      401,
    );
    t.equal(received.length, before);
  });

  t.test("security headers and CORS for configured origins only", async (t) => {
    const allowed = await app.inject({ url: "/robots.txt", headers: { origin: "https://portal.tpx.example" } });
    t.equal(allowed.headers["access-control-allow-origin"], "https://portal.tpx.example");
    t.equal(allowed.headers["access-control-allow-credentials"], "true");
    t.equal(allowed.headers["x-content-type-options"], "nosniff");
    t.match(allowed.headers["strict-transport-security"], /max-age=63072000/);
    t.match(allowed.headers["content-security-policy"], /frame-ancestors 'none'/);
    const other = await app.inject({ url: "/robots.txt", headers: { origin: "https://evil.example" } });
    t.equal(other.headers["access-control-allow-origin"], undefined);
    const preflight = await app.inject({
      method: "OPTIONS",
      url: "/api/scoring/ping",
      headers: { origin: "https://portal.tpx.example", "access-control-request-method": "POST" },
    });
    t.equal(preflight.statusCode, 204);
  });
});
