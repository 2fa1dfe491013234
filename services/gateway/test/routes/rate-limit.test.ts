import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { startStandIn } from "../support/stand-in.ts";

t.test("gateway rate limits", async (t) => {
  const survey = await startStandIn(t, (app) => {
    app.post("/public/surveys/:token/responses", async (_request, reply) => reply.code(201).send({ accepted: true }));
    app.get("/s/:token", async (_request, reply) => reply.type("text/html").send("<form method=post></form>"));
  });
  const env = {
    SURVEY_URL: survey.url,
    RATE_LIMIT_LOGIN_PER_MINUTE: "3",
    RATE_LIMIT_SURVEY_SUBMIT_PER_MINUTE: "100",
    RATE_LIMIT_SURVEY_LINK_PER_HOUR: "2",
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000",
  };
  const first = await startGateway(t, { env });
  // a second replica with its own Redis connection and database, counting in the same namespace
  const second = await startGateway(t, { env, namespace: first.namespace });
  const login = (app: typeof first.app, ip: string) =>
    app.inject({
      method: "POST",
      url: "/api/gateway/auth/login",
      remoteAddress: ip,
      payload: { email: "x@example.com", password: "whatever it is" },
    });

  t.test("two gateway instances share the login limit per IP and answer 429 with Retry-After", async (t) => {
    const ip = "203.0.113.7";
    const statuses = [
      (await login(first.app, ip)).statusCode,
      (await login(second.app, ip)).statusCode,
      (await login(first.app, ip)).statusCode,
    ];
    t.same(statuses, [401, 401, 401], "three attempts are allowed in total");
    const limited = await login(second.app, ip);
    t.equal(limited.statusCode, 429);
    t.match(limited.headers["content-type"], /problem\+json/);
    t.equal(limited.json().code, "RATE_LIMITED");
    const retryAfter = Number(limited.headers["retry-after"]);
    t.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    t.equal((await login(first.app, "203.0.113.8")).statusCode, 401, "another IP has its own bucket");
  });

  t.test("a survey link takes a few submissions, whatever the IP", async (t) => {
    const submit = (ip: string, token: string) =>
      first.app.inject({
        method: "POST",
        url: `/api/survey/public/surveys/${token}/responses`,
        remoteAddress: ip,
        headers: { "content-type": "application/json" },
        payload: { answers: [] },
      });
    t.equal((await submit("198.51.100.1", "link-a")).statusCode, 201);
    t.equal((await submit("198.51.100.2", "link-a")).statusCode, 201);
    const third = await submit("198.51.100.3", "link-a");
    t.equal(third.statusCode, 429);
    t.equal(third.json().limit, "survey-link");
    t.equal((await submit("198.51.100.3", "link-b")).statusCode, 201, "another link is not affected");
    const formPost = await second.app.inject({
      method: "POST",
      url: "/s/link-a",
      remoteAddress: "198.51.100.9",
      payload: "a=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    t.equal(formPost.statusCode, 429, "the form post of the survey page counts against the same link");
  });

  t.test("X-Forwarded-For counts only for the configured number of trusted proxies", async (t) => {
    const direct = (xff: string) =>
      first.app.inject({
        method: "POST",
        url: "/api/gateway/auth/login",
        remoteAddress: "192.0.2.50",
        headers: { "x-forwarded-for": xff },
        payload: { email: "x@example.com", password: "whatever it is" },
      });
    // TRUSTED_PROXY_COUNT=0: a client cannot pick its own bucket by inventing addresses
    const statuses = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await direct(`10.9.9.${index}`)).statusCode);
    t.same(statuses, [401, 401, 401, 429]);

    const behindProxy = await startGateway(t, {
      env: { ...env, TRUSTED_PROXY_COUNT: "1" },
      namespace: first.namespace,
    });
    const viaProxy = (client: string) =>
      behindProxy.app.inject({
        method: "POST",
        url: "/api/gateway/auth/login",
        remoteAddress: "10.0.0.2",
        headers: { "x-forwarded-for": `6.6.6.6, ${client}` },
        payload: { email: "x@example.com", password: "whatever it is" },
      });
    const perClient = [];
    for (let index = 0; index < 4; index += 1) perClient.push((await viaProxy("192.0.2.77")).statusCode);
    t.same(perClient, [401, 401, 401, 429], "the address the trusted proxy saw is the client");
    t.equal((await viaProxy("192.0.2.78")).statusCode, 401, "the spoofed left-most entry is ignored");
  });

  t.test("when the limiter's Redis is down, login fails closed and pages fail open", async (t) => {
    const blind = await startGateway(t, { env: { ...env, RATE_LIMIT_REDIS_URL: "redis://127.0.0.1:1" } });
    const refused = await login(blind.app, "203.0.113.99");
    t.equal(refused.statusCode, 503);
    t.equal(refused.json().code, "RATE_LIMITER_UNAVAILABLE");
    t.ok(refused.headers["retry-after"]);
    t.equal((await blind.app.inject({ url: "/s/some-token" })).statusCode, 200, "the survey page still renders");
  });
});
