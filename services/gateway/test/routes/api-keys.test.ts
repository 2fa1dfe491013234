import { randomUUID } from "node:crypto";
import { partnerRegisteredV1, timestampNow } from "@tpx/contracts";
import { createTokenVerifier } from "@tpx/service-kit";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { startStandIn } from "../support/stand-in.ts";
import { bearer, signUp } from "../support/users.ts";

t.test("partner identity flow and API keys", async (t) => {
  const seen: { authorization?: string | undefined; cookie?: string | undefined }[] = [];
  const partnerService = await startStandIn(t, (app) => {
    app.get("/partners/:id", async (request) => {
      seen.push({ authorization: request.headers.authorization, cookie: request.headers.cookie });
      return { id: (request.params as { id: string }).id };
    });
  });
  const gateway = await startGateway(t, {
    consumers: true,
    env: { PARTNER_URL: partnerService.url, RATE_LIMIT_LOGIN_PER_MINUTE: "1000" },
  });
  const { app } = gateway;
  const jwks = (await app.inject({ url: "/.well-known/jwks.json" })).body;
  const verify = createTokenVerifier({ issuer: "tpx-gateway", audience: "tpx", jwks });

  // sign-up → user.registered → (partner service) → partner.registered → the user gets the partner id
  const owner = await signUp(app, "partner");
  const partnerId = randomUUID();
  await gateway.publish(
    partnerRegisteredV1,
    partnerRegisteredV1.create({
      partnerId,
      slug: "acme-roofing-supply",
      companyName: "Acme Roofing Supply",
      ownerUserId: owner.userId,
      registeredAt: timestampNow(),
    }),
  );
  await waitFor(
    async () => (await gateway.deps.db.user.findUnique({ where: { id: owner.userId } }))?.partnerId === partnerId,
    {
      description: "partner.registered attached the partner id",
    },
  );
  const session = (
    await app.inject({
      method: "POST",
      url: "/api/gateway/auth/refresh",
      payload: { refreshToken: owner.refreshToken },
    })
  ).json();
  const ownerToken: string = session.accessToken;

  t.test("tokens issued after partner.registered carry partner_id", async (t) => {
    t.equal((await verify(ownerToken)).partnerId, partnerId);
    t.equal((await verify(owner.accessToken)).partnerId, undefined, "the sign-up token predates it");
  });

  let created: { id: string; key: string; prefix: string };
  t.test("a key is shown once, listed by prefix only", async (t) => {
    const response = await app.inject({
      method: "POST",
      url: "/api/gateway/api-keys",
      headers: bearer(ownerToken),
      payload: { name: "CRM sync", scopes: ["partner:read", "analytics:read"], expiresInDays: 30 },
    });
    t.equal(response.statusCode, 201);
    created = response.json();
    t.match(created.key, /^tpk_/);
    const list = await app.inject({ url: "/api/gateway/api-keys", headers: bearer(ownerToken) });
    t.equal(list.json().items.length, 1);
    t.equal(list.json().items[0].prefix, created.prefix);
    t.notOk(list.body.includes(created.key.slice(created.prefix.length + 1)), "the secret is never listed");
    t.notOk("keyHash" in list.json().items[0]);
    const row = await gateway.deps.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    t.not(row.keyHash, created.key, "only a hash is stored");
  });

  t.test("a key in Authorization is forwarded as a short-lived gateway JWT with its scopes", async (t) => {
    const response = await app.inject({
      url: `/api/partner/partners/${partnerId}`,
      headers: { ...bearer(created.key), cookie: "tpx_refresh=secret" },
    });
    t.equal(response.statusCode, 200);
    const forwarded = seen.at(-1);
    t.notOk(forwarded?.authorization?.includes("tpk_"), "the key itself never reaches the service");
    t.equal(forwarded?.cookie, undefined, "cookies are not forwarded");
    const principal = await verify(forwarded?.authorization?.replace("Bearer ", "") ?? "");
    t.same(principal, { userId: owner.userId, role: "partner", partnerId, scopes: ["partner:read", "analytics:read"] });
    const apiKeyForm = await app.inject({
      url: `/api/partner/partners/${partnerId}`,
      headers: { authorization: `ApiKey ${created.key}` },
    });
    t.equal(apiKeyForm.statusCode, 200, "the ApiKey scheme works too");
  });

  t.test("a key with a wrong checksum, or unknown, is refused", async (t) => {
    const last = created.key.at(-1) === "A" ? "B" : "A";
    const typo = await app.inject({
      url: `/api/partner/partners/${partnerId}`,
      headers: bearer(created.key.slice(0, -1) + last),
    });
    t.equal(typo.statusCode, 401);
  });

  t.test("keys cannot manage keys, and other roles or partners cannot touch them", async (t) => {
    const byKey = await app.inject({ url: "/api/gateway/api-keys", headers: bearer(created.key) });
    t.equal(byKey.statusCode, 403);
    const contractor = await signUp(app, "contractor");
    t.equal(
      (await app.inject({ url: "/api/gateway/api-keys", headers: bearer(contractor.accessToken) })).statusCode,
      403,
    );
    const unlinked = await signUp(app, "partner");
    const unlinkedCreate = await app.inject({
      method: "POST",
      url: "/api/gateway/api-keys",
      headers: bearer(unlinked.accessToken),
      payload: { name: "x", scopes: ["partner:read"] },
    });
    t.equal(unlinkedCreate.statusCode, 403, "a partner user without a partner yet");
    const foreign = await app.inject({
      method: "DELETE",
      url: `/api/gateway/api-keys/${created.id}`,
      headers: bearer(unlinked.accessToken),
    });
    t.equal(foreign.statusCode, 403);
    const badScope = await app.inject({
      method: "POST",
      url: "/api/gateway/api-keys",
      headers: bearer(ownerToken),
      payload: { name: "x", scopes: ["admin:everything"] },
    });
    t.equal(badScope.statusCode, 400);
  });

  t.test("a revoked or expired key stops working at once", async (t) => {
    const revoke = await app.inject({
      method: "DELETE",
      url: `/api/gateway/api-keys/${created.id}`,
      headers: bearer(ownerToken),
    });
    t.equal(revoke.statusCode, 204);
    t.equal(
      (await app.inject({ url: `/api/partner/partners/${partnerId}`, headers: bearer(created.key) })).statusCode,
      401,
    );
    const listed = await app.inject({ url: "/api/gateway/api-keys", headers: bearer(ownerToken) });
    t.ok(listed.json().items[0].revokedAt);

    const second = (
      await app.inject({
        method: "POST",
        url: "/api/gateway/api-keys",
        headers: bearer(ownerToken),
        payload: { name: "short", scopes: ["partner:read"] },
      })
    ).json();
    await gateway.deps.db.apiKey.update({ where: { id: second.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // a fresh gateway replica has nothing cached: the database says expired
    const replica = await startGateway(t, { namespace: gateway.namespace, env: { PARTNER_URL: partnerService.url } });
    t.equal(
      (await replica.app.inject({ url: `/api/partner/partners/${partnerId}`, headers: bearer(second.key) })).statusCode,
      401,
    );
  });
});
