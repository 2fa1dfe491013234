import { randomUUID } from "node:crypto";
import { partnerRegisteredV1, timestampNow } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { bearer, PASSWORD, signUp } from "../support/users.ts";

type Caller = "anonymous" | "contractor" | "partner" | "admin";

/**
 * The roles × routes matrix of the gateway's own protected routes (OWASP: state the expected access as a matrix
 * and assert it). 401 = must authenticate, 403 = forbidden, "ok" = any answer that is not an auth refusal.
 */
const MATRIX: {
  method: "GET" | "POST" | "DELETE";
  url: string;
  payload?: unknown;
  expect: Record<Caller, 401 | 403 | "ok">;
}[] = [
  {
    method: "GET",
    url: "/api/gateway/auth/me",
    expect: { anonymous: 401, contractor: "ok", partner: "ok", admin: "ok" },
  },
  {
    method: "POST",
    url: "/api/gateway/auth/password",
    payload: { currentPassword: "x", newPassword: "y" },
    expect: { anonymous: 401, contractor: "ok", partner: "ok", admin: "ok" },
  },
  {
    method: "GET",
    url: "/api/gateway/api-keys",
    expect: { anonymous: 401, contractor: 403, partner: "ok", admin: 403 },
  },
  {
    method: "POST",
    url: "/api/gateway/api-keys",
    payload: { name: "k", scopes: ["partner:read"] },
    expect: { anonymous: 401, contractor: 403, partner: "ok", admin: 403 },
  },
  {
    method: "DELETE",
    url: "/api/gateway/api-keys/AAAAAAAAAAAA",
    expect: { anonymous: 401, contractor: 403, partner: "ok", admin: 403 },
  },
  {
    method: "GET",
    url: "/api/gateway/admin/users",
    expect: { anonymous: 401, contractor: 403, partner: 403, admin: "ok" },
  },
  {
    method: "POST",
    url: "/api/gateway/admin/users",
    payload: { email: "new-admin@example.com", password: PASSWORD },
    expect: { anonymous: 401, contractor: 403, partner: 403, admin: "ok" },
  },
  { method: "GET", url: "/admin/dead-letters", expect: { anonymous: 401, contractor: 403, partner: 403, admin: "ok" } },
];

t.test("gateway role checks", async (t) => {
  const adminEmail = `admin-${randomUUID()}@example.com`;
  const gateway = await startGateway(t, {
    consumers: true,
    env: { ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_LOGIN_PER_MINUTE: "1000" },
  });
  const { app } = gateway;
  const { ensureFirstAdmin } = await import("../../src/usecases/ensure-first-admin.ts");
  t.equal(await ensureFirstAdmin(gateway.deps), "created", "the first admin comes from configuration");
  t.equal(await ensureFirstAdmin(gateway.deps), "exists", "and only once");

  const adminLogin = await app.inject({
    method: "POST",
    url: "/api/gateway/auth/login",
    payload: { email: adminEmail, password: PASSWORD },
  });
  const partner = await signUp(app, "partner");
  const partnerId = randomUUID();
  await gateway.publish(
    partnerRegisteredV1,
    partnerRegisteredV1.create({
      partnerId,
      slug: "role-test",
      companyName: "Role Test",
      ownerUserId: partner.userId,
      registeredAt: timestampNow(),
    }),
  );
  await waitFor(async () => (await gateway.deps.db.user.findUnique({ where: { id: partner.userId } }))?.partnerId);
  const partnerToken = (
    await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: partner.refreshToken },
    })
  ).json().accessToken;
  const headers: Record<Caller, Record<string, string>> = {
    anonymous: {},
    contractor: bearer((await signUp(app, "contractor")).accessToken),
    partner: bearer(partnerToken),
    admin: bearer(adminLogin.json().session.accessToken),
  };

  for (const route of MATRIX) {
    t.test(`${route.method} ${route.url}`, async (t) => {
      for (const caller of Object.keys(route.expect) as Caller[]) {
        const response = await app.inject({
          method: route.method,
          url: route.url,
          headers: headers[caller],
          ...(route.payload ? { payload: route.payload } : {}),
        });
        const expected = route.expect[caller];
        if (expected === "ok") t.notOk([401, 403].includes(response.statusCode), `${caller}: ${response.statusCode}`);
        else t.equal(response.statusCode, expected, caller);
      }
    });
  }
});
