import { setTimeout as sleep } from "node:timers/promises";
import { UnauthorizedError } from "@tpx/service-kit";
import t from "tap";
import { startGateway } from "../support/gateway.ts";

t.test("verified access tokens are remembered until they expire, and only the exact token", async (t) => {
  const { deps } = await startGateway(t);
  const { tokens } = deps;
  const claims = { userId: "user-1", role: "contractor" as const, contractorId: "user-1", sessionId: "session-1" };

  t.test("a token that verified is served from the cache with the same claims", async (t) => {
    const token = await tokens.sign(claims);
    t.equal(tokens.cached(token), undefined, "nothing before the first verification");
    const verified = await tokens.verify(token);
    t.same(verified.principal, { userId: "user-1", role: "contractor", contractorId: "user-1" });
    t.equal(verified.sessionId, "session-1");
    t.equal(tokens.cached(token), verified);
    t.equal(await tokens.verify(token), verified);
    t.ok(Object.isFrozen(verified.principal), "shared claims cannot be changed by one request");
  });

  t.test("a token differing in any byte is verified on its own and refused", async (t) => {
    const token = await tokens.sign(claims);
    await tokens.verify(token);
    const [header, payload, signature = ""] = token.split(".");
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    await t.rejects(tokens.verify(`${header}.${payload}.${flipped}`), UnauthorizedError);
    const forged = Buffer.from(JSON.stringify({ sub: "admin-1", role: "admin" })).toString("base64url");
    await t.rejects(tokens.verify(`${header}.${forged}.${signature}`), UnauthorizedError);
  });

  t.test("an expired token leaves the cache and is refused", async (t) => {
    const token = await tokens.sign(claims, 1);
    await tokens.verify(token);
    await sleep(1_100);
    t.equal(tokens.cached(token), undefined);
    await t.rejects(tokens.verify(token), UnauthorizedError);
  });
});
