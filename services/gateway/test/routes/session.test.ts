import { createTokenVerifier } from "@tpx/service-kit";
import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { bearer, cookiesOf, PASSWORD, signUp, uniqueEmail } from "../support/users.ts";

t.test("gateway sessions", async (t) => {
  const gateway = await startGateway(t, {
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: "1000", REFRESH_REUSE_GRACE_SECONDS: "2" },
  });
  const { app } = gateway;

  t.test("sign-up creates the user, announces user.registered and returns a session", async (t) => {
    const user = await signUp(app, "partner", { companyName: "Bright Solar" });
    const outbox = await gateway.deps.db.outboxEvent.findMany({ where: { type: "user.registered" } });
    const event = outbox
      .map((row) => row.payload as { data: { userId: string; companyName?: string; role: string } })
      .find((payload) => payload.data.userId === user.userId);
    t.equal(event?.data.companyName, "Bright Solar");
    t.equal(event?.data.role, "USER_ROLE_PARTNER");
    t.equal(user.cookies.tpx_refresh, user.refreshToken, "the refresh token is also an HttpOnly cookie");
    const me = await app.inject({ url: "/api/gateway/auth/me", headers: bearer(user.accessToken) });
    t.equal(me.statusCode, 200);
    t.equal(me.json().role, "partner");
    t.notOk("passwordHash" in me.json(), "the hash never leaves the service");
  });

  t.test("sign-up refuses unknown fields, short passwords, admin role and a taken e-mail", async (t) => {
    const email = uniqueEmail("dup");
    const base = { email, password: PASSWORD, role: "contractor" };
    const extra = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { ...base, partnerId: "x" },
    });
    t.equal(extra.statusCode, 400);
    t.match(extra.json().errors, [{ field: "body.partnerId", message: "is not allowed" }]);
    const admin = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { ...base, role: "admin" },
    });
    t.equal(admin.statusCode, 400);
    const short = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { ...base, password: "short" },
    });
    t.equal(short.statusCode, 400);
    t.equal((await app.inject({ method: "POST", url: "/api/gateway/auth/signup", payload: base })).statusCode, 201);
    const again = await app.inject({ method: "POST", url: "/api/gateway/auth/signup", payload: base });
    t.equal(again.statusCode, 409);
    t.equal(again.json().code, "EMAIL_TAKEN");
  });

  t.test("tokens are EdDSA JWTs that a service verifies from the published JWKS", async (t) => {
    const user = await signUp(app, "contractor");
    const jwks = await app.inject({ url: "/.well-known/jwks.json" });
    t.equal(jwks.json().keys[0].alg, "EdDSA");
    t.notOk("d" in jwks.json().keys[0], "no private part is published");
    const verify = createTokenVerifier({ issuer: "tpx-gateway", audience: "tpx", jwks: jwks.body });
    const principal = await verify(user.accessToken);
    t.same(principal, { userId: user.userId, role: "contractor", contractorId: user.userId });
    const [header] = user.accessToken.split(".");
    t.match(JSON.parse(Buffer.from(header ?? "", "base64url").toString()), { alg: "EdDSA", kid: String });
  });

  t.test("login records the last login and refresh rotates the token", async (t) => {
    const email = uniqueEmail("rotate");
    await app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { email, password: PASSWORD, role: "contractor" },
    });
    const login = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/login",
      payload: { email, password: PASSWORD },
    });
    t.equal(login.statusCode, 200);
    t.ok(login.json().user.lastLoginAt);
    const first = login.json().session.refreshToken;
    const refreshed = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: first },
    });
    t.equal(refreshed.statusCode, 200);
    t.not(refreshed.json().refreshToken, first, "a new refresh token every time");
    const next = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: refreshed.json().refreshToken },
    });
    t.equal(next.statusCode, 200);
  });

  t.test("reusing a rotated refresh token revokes the whole family and its access tokens", async (t) => {
    const user = await signUp(app, "contractor");
    const rotated = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: user.refreshToken },
    });
    const current = rotated.json();
    // the successor is used, so the old token can no longer be a retried concurrent refresh
    const used = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: current.refreshToken },
    });
    t.equal(used.statusCode, 200);
    const replay = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: user.refreshToken },
    });
    t.equal(replay.statusCode, 401, "the replayed token is refused");
    const latest = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: used.json().refreshToken },
    });
    t.equal(latest.statusCode, 401, "so is the newest token of the family");
    const me = await app.inject({ url: "/api/gateway/auth/me", headers: bearer(used.json().accessToken) });
    t.equal(me.statusCode, 401, "and the family's access tokens");
    const family = await gateway.deps.db.tokenFamily.findFirst({ where: { userId: user.userId } });
    t.equal(family?.revokedReason, "reuse_detected");
  });

  t.test("a retried refresh within the grace window succeeds once, after it is reuse", async (t) => {
    const user = await signUp(app, "contractor");
    const refresh = (token: string) =>
      app.inject({ method: "POST", url: "/api/gateway/auth/refresh", payload: { refreshToken: token } });
    const [a, b] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    t.same([a.statusCode, b.statusCode], [200, 200], "two concurrent refreshes with one token both succeed");
    t.not(a.json().refreshToken, b.json().refreshToken);

    // a response lost on the way: the client retries with the old token and carries on with what it gets
    const client = await signUp(app, "contractor");
    const lost = await refresh(client.refreshToken);
    const retried = await refresh(client.refreshToken);
    t.equal(retried.statusCode, 200, "the retry within the grace window succeeds");
    t.equal((await refresh(retried.json().refreshToken)).statusCode, 200, "and its token keeps working");
    t.equal((await refresh(lost.json().refreshToken)).statusCode, 401, "the never-delivered token is dead");
    const late = await signUp(app, "contractor");
    await refresh(late.refreshToken);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    t.equal((await refresh(late.refreshToken)).statusCode, 401, "after the grace the old token is reuse");
  });

  t.test("the refresh cookie needs the CSRF header and an allowed origin", async (t) => {
    const user = await signUp(app, "contractor");
    const cookies = { tpx_refresh: user.cookies.tpx_refresh ?? "", tpx_csrf: user.cookies.tpx_csrf ?? "" };
    const url = "/api/gateway/auth/refresh";
    const noHeader = await app.inject({ method: "POST", url, cookies });
    t.equal(noHeader.statusCode, 403);
    const wrongOrigin = await app.inject({
      method: "POST",
      url,
      cookies,
      payload: {},
      headers: { "x-csrf-token": cookies.tpx_csrf, origin: "https://evil.example" },
    });
    t.equal(wrongOrigin.statusCode, 403);
    const ok = await app.inject({
      method: "POST",
      url,
      cookies,
      headers: { "x-csrf-token": cookies.tpx_csrf, origin: "https://portal.tpx.example" },
    });
    t.equal(ok.statusCode, 200);
    t.ok(cookiesOf(ok).tpx_refresh, "the rotated token is set as the new cookie");
  });

  t.test("logout ends the session: refresh and access tokens stop working", async (t) => {
    const user = await signUp(app, "partner");
    const out = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/logout",
      headers: bearer(user.accessToken),
    });
    t.equal(out.statusCode, 204);
    t.equal((await app.inject({ url: "/api/gateway/auth/me", headers: bearer(user.accessToken) })).statusCode, 401);
    const refresh = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: user.refreshToken },
    });
    t.equal(refresh.statusCode, 401);
  });

  t.test("a password change revokes every session and the new password works", async (t) => {
    const email = uniqueEmail("pw");
    const created = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { email, password: PASSWORD, role: "contractor" },
    });
    const other = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/login",
      payload: { email, password: PASSWORD },
    });
    const token = created.json().session.accessToken;
    const wrong = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/password",
      headers: bearer(token),
      payload: { currentPassword: "not the password", newPassword: "a brand new passphrase" },
    });
    t.equal(wrong.statusCode, 400);
    const changed = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/password",
      headers: bearer(token),
      payload: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
    });
    t.equal(changed.statusCode, 204);
    t.equal(
      (await app.inject({ url: "/api/gateway/auth/me", headers: bearer(other.json().session.accessToken) })).statusCode,
      401,
    );
    const refresh = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: other.json().session.refreshToken },
    });
    t.equal(refresh.statusCode, 401);
    const relogin = await app.inject({
      method: "POST",
      url: "/api/gateway/auth/login",
      payload: { email, password: "a brand new passphrase" },
    });
    t.equal(relogin.statusCode, 200);
    t.equal(
      (await app.inject({ url: "/api/gateway/auth/me", headers: bearer(relogin.json().session.accessToken) }))
        .statusCode,
      200,
    );
  });

  t.test("tokens signed with another algorithm or key, expired or for another audience are refused", async (t) => {
    const user = await signUp(app, "contractor");
    const [header, payload, signature] = user.accessToken.split(".") as [string, string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), role: "admin" })).toString("base64url")}.${signature}`;
    for (const token of [none, tampered, "a.b.c"]) {
      t.equal((await app.inject({ url: "/api/gateway/auth/me", headers: bearer(token) })).statusCode, 401);
    }
  });
});
