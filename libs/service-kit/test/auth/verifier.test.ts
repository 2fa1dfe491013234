import { exportJWK, generateKeyPair, SignJWT } from "jose";
import t, { type Test } from "tap";
import { createTokenVerifier } from "../../src/index.ts";

const { publicKey, privateKey } = await generateKeyPair("EdDSA", { extractable: true });
const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "EdDSA", use: "sig" };
const verify = createTokenVerifier({ issuer: "tpx-gateway", audience: "tpx", jwks: JSON.stringify({ keys: [jwk] }) });

function token(
  claims: Record<string, unknown>,
  options: { issuer?: string; audience?: string; expires?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "EdDSA", kid: "k1" })
    .setSubject("user-1")
    .setIssuer(options.issuer ?? "tpx-gateway")
    .setAudience(options.audience ?? "tpx")
    .setIssuedAt()
    .setExpirationTime(options.expires ?? "5m")
    .sign(privateKey);
}

async function refused(t: Test, attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => undefined,
    (reason: unknown) => reason as { statusCode?: number },
  );
  t.equal(error?.statusCode, 401, "refused with 401");
}

t.test("access token verification", async (t) => {
  t.test("accepts a gateway token and reads the principal", async (t) => {
    const principal = await verify(await token({ role: "partner", partner_id: "p-1" }));
    t.same(principal, { userId: "user-1", role: "partner", partnerId: "p-1" });
  });

  t.test("refuses another issuer, audience, an expired token or an unknown role", async (t) => {
    await refused(t, verify(await token({ role: "admin" }, { issuer: "evil" })));
    await refused(t, verify(await token({ role: "admin" }, { audience: "other" })));
    await refused(t, verify(await token({ role: "admin" }, { expires: "-1m" })));
    await refused(t, verify(await token({ role: "root" })));
  });

  t.test("refuses an unsigned token and a token with a different algorithm", async (t) => {
    const [header, payload] = (await token({ role: "admin" })).split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid: "k1" })).toString("base64url")}.${payload}.`;
    await refused(t, verify(none));
    const hs = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setSubject("user-1")
      .setIssuer("tpx-gateway")
      .setAudience("tpx")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("a-shared-secret-of-enough-length-000"));
    await refused(t, verify(hs));
    t.ok(header);
  });

  t.test("without configured keys nothing is accepted", async (t) => {
    const noKeys = createTokenVerifier({ issuer: "tpx-gateway", audience: "tpx" });
    await refused(t, noKeys(await token({ role: "admin" })));
  });
});
