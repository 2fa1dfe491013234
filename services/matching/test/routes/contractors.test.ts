import { randomUUID } from "node:crypto";
import { matchCreatedV1 } from "@tpx/contracts";
import t from "tap";
import { contractorProfile, outboxTypes, seedPartner, startMatching } from "../helper.ts";

t.test("contractor profiles and matches", async (t) => {
  const { app, deps, service } = await startMatching(t);
  const contractorId = randomUUID();
  const asContractor = await service.auth.headers({ role: "contractor", userId: contractorId, contractorId });
  const best = await seedPartner(deps, {
    focusAreas: ["marketing", "operations"],
    revenueTiers: ["1m-5m"],
    serviceRegions: ["TX"],
    capabilities: ["crm"],
  });
  const national = await seedPartner(deps, { focusAreas: ["marketing"], serviceRegions: ["national"] });
  await seedPartner(deps, { focusAreas: ["marketing", "operations"], status: "inactive" });
  await seedPartner(deps, { focusAreas: ["finance"] });

  t.test("creating a profile matches the contractor and opens a lead per offered partner", async (t) => {
    const res = await app.inject({
      method: "PUT",
      url: `/contractors/${contractorId}`,
      headers: asContractor,
      payload: contractorProfile,
    });
    t.equal(res.statusCode, 201, res.body);
    const { contractor, match } = res.json();
    t.equal(contractor.companyName, "Lone Star Roofing");
    t.equal(match.trigger, "profile_changed");
    t.equal(match.eligibleCount, 2, "inactive and unrelated partners are not eligible");
    t.same(
      match.candidates.map((c: { partnerId: string }) => c.partnerId),
      [best, national],
    );
    t.equal(match.primaryPartnerId, best);
    t.equal(match.candidates[0].score, 1);
    t.equal(match.candidates[0].isPrimary, true);
    t.ok(match.candidates.every((c: { leadId: string | null }) => c.leadId));
    t.same(await outboxTypes(deps), ["lead.status_changed", "lead.status_changed", "match.created"]);
    const event = await deps.db.outboxEvent.findFirstOrThrow({ where: { type: "match.created" } });
    const data = matchCreatedV1.decode((event.payload as { data: unknown }).data);
    t.equal(data.primaryPartnerId, best);
    t.equal(data.candidates.length, 2);
  });

  t.test("saving without a change to matching inputs does not re-match", async (t) => {
    const res = await app.inject({
      method: "PUT",
      url: `/contractors/${contractorId}`,
      headers: asContractor,
      payload: { ...contractorProfile, contactName: "Dana R." },
    });
    t.equal(res.statusCode, 200);
    t.equal(res.json().match, null);
  });

  t.test("changing focus areas re-matches and reuses existing leads", async (t) => {
    const res = await app.inject({
      method: "PUT",
      url: `/contractors/${contractorId}`,
      headers: asContractor,
      payload: { ...contractorProfile, focusAreas: ["marketing"] },
    });
    t.equal(res.statusCode, 200);
    t.equal(res.json().match.candidates.length, 2);
    t.equal(await deps.db.lead.count({ where: { contractorId } }), 2);
  });

  t.test("re-matching on demand is recorded in the history", async (t) => {
    const run = await app.inject({
      method: "POST",
      url: `/contractors/${contractorId}/matches`,
      headers: asContractor,
      payload: { limit: 1 },
    });
    t.equal(run.statusCode, 201);
    t.equal(run.json().candidates.length, 1);
    t.equal(run.json().trigger, "on_demand");
    const history = await app.inject({ url: `/contractors/${contractorId}/matches`, headers: asContractor });
    t.equal(history.json().items.length, 3);
    t.equal(history.json().items[0].matchId, run.json().matchId);
    t.ok(history.json().items[0].candidates[0].reasons.length >= 4);
    const one = await app.inject({ url: `/matches/${run.json().matchId}`, headers: asContractor });
    t.equal(one.statusCode, 200);
    t.equal(one.json().algorithmVersion, "weighted-2026.11-v1");
  });

  t.test("refuses invalid profiles with the field named", async (t) => {
    const bad = await app.inject({
      method: "PUT",
      url: `/contractors/${contractorId}`,
      headers: asContractor,
      payload: { ...contractorProfile, revenueTier: "huge", state: "ZZ" },
    });
    t.equal(bad.statusCode, 400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    t.ok(fields.includes("revenueTier") && fields.includes("state"));
    const extra = await app.inject({
      method: "PUT",
      url: `/contractors/${contractorId}`,
      headers: asContractor,
      payload: { ...contractorProfile, isAdmin: true },
    });
    t.equal(extra.statusCode, 400);
  });

  t.test("another contractor can reach neither the profile, the matches nor a match by id", async (t) => {
    const otherId = randomUUID();
    const other = await service.auth.headers({ role: "contractor", userId: otherId, contractorId: otherId });
    t.equal((await app.inject({ url: `/contractors/${contractorId}`, headers: other })).statusCode, 403);
    t.equal((await app.inject({ url: `/contractors/${contractorId}/matches`, headers: other })).statusCode, 403);
    t.equal((await app.inject({ url: `/contractors/${contractorId}/leads`, headers: other })).statusCode, 403);
    const put = await app.inject({
      method: "PUT",
      url: `/contractors/${contractorId}`,
      headers: other,
      payload: contractorProfile,
    });
    t.equal(put.statusCode, 403);
    const runs = await deps.db.matchRun.findFirstOrThrow({ where: { contractorId } });
    t.equal((await app.inject({ url: `/matches/${runs.id}`, headers: other })).statusCode, 404);
    const partner = await service.auth.headers({ role: "partner", partnerId: randomUUID() });
    t.equal((await app.inject({ url: `/contractors/${contractorId}`, headers: partner })).statusCode, 403);
    t.equal((await app.inject({ url: `/contractors/${contractorId}` })).statusCode, 401);
  });
});
