import { randomUUID } from "node:crypto";
import { LeadStatus, leadMessageSentV1, leadStatusChangedV1 } from "@tpx/contracts";
import t from "tap";
import { contractorProfile, seedPartner, startMatching } from "../helper.ts";

t.test("lead pipeline routes", async (t) => {
  const { app, deps, service } = await startMatching(t);
  const partnerId = await seedPartner(deps, { focusAreas: ["marketing"] });
  const otherPartnerId = await seedPartner(deps, { focusAreas: ["marketing"] });
  const contractorId = randomUUID();
  const asContractor = await service.auth.headers({ role: "contractor", userId: contractorId, contractorId });
  const asPartner = await service.auth.headers({ role: "partner", partnerId });
  const asOtherPartner = await service.auth.headers({ role: "partner", partnerId: otherPartnerId });
  const saved = await app.inject({
    method: "PUT",
    url: `/contractors/${contractorId}`,
    headers: asContractor,
    payload: contractorProfile,
  });
  const leadId: string = saved
    .json()
    .match.candidates.find((c: { partnerId: string }) => c.partnerId === partnerId).leadId;
  const move = (status: string, headers = asPartner) =>
    app.inject({ method: "POST", url: `/leads/${leadId}/status`, headers, payload: { status } });

  t.test("the partner sees the lead in its pipeline with the contractor's details", async (t) => {
    const list = await app.inject({ url: `/partners/${partnerId}/leads`, headers: asPartner });
    t.equal(list.statusCode, 200);
    t.same(
      list.json().items.map((l: { id: string }) => l.id),
      [leadId],
    );
    t.equal(list.json().items[0].contractor.companyName, "Lone Star Roofing");
    t.same(list.json().items[0].allowedNext, ["contacted", "lost"]);
  });

  t.test("refuses an illegal transition and names the allowed ones", async (t) => {
    const res = await move("won");
    t.equal(res.statusCode, 409);
    t.equal(res.json().code, "LEAD_TRANSITION_NOT_ALLOWED");
    t.same(res.json().allowed, ["contacted", "lost"]);
    t.equal((await deps.db.lead.findUniqueOrThrow({ where: { id: leadId } })).status, "new");
    t.equal((await move("qualified")).statusCode, 400, "unknown stages are refused by the schema");
  });

  t.test("walks the pipeline to won, emitting lead.status_changed for each step", async (t) => {
    for (const status of ["contacted", "meeting_scheduled", "proposal", "won"]) {
      const res = await move(status);
      t.equal(res.statusCode, 200, res.body);
      t.equal(res.json().status, status);
    }
    t.equal((await move("lost")).statusCode, 409, "won is final");
    const events = await deps.db.outboxEvent.findMany({
      where: { type: "lead.status_changed", subject: { contains: "" } },
      orderBy: [{ createdAt: "asc" }, { seq: "asc" }],
    });
    const statuses = events
      .map((e) => leadStatusChangedV1.decode((e.payload as { data: unknown }).data))
      .filter((d) => d.leadId === leadId)
      .map((d) => d.status);
    t.same(statuses, [
      LeadStatus.NEW,
      LeadStatus.CONTACTED,
      LeadStatus.MEETING_SCHEDULED,
      LeadStatus.PROPOSAL,
      LeadStatus.WON,
    ]);
  });

  t.test("keeps notes and a value, searchable and filterable", async (t) => {
    const note = await app.inject({
      method: "POST",
      url: `/leads/${leadId}/notes`,
      headers: asPartner,
      payload: { body: "Wants a roofing CRM rollout" },
    });
    t.equal(note.statusCode, 201);
    const value = await app.inject({
      method: "PATCH",
      url: `/leads/${leadId}`,
      headers: asPartner,
      payload: { value: 25000 },
    });
    t.equal(value.json().value, 25000);
    const search = (query: string) => app.inject({ url: `/partners/${partnerId}/leads?${query}`, headers: asPartner });
    t.equal((await search("q=crm%20rollout")).json().items.length, 1, "finds by note text");
    t.equal((await search("q=lone%20star")).json().items.length, 1, "finds by company");
    t.equal((await search("q=nobody")).json().items.length, 0);
    t.equal((await search("status=won&minValue=20000")).json().items.length, 1);
    t.equal((await search("status=new&status=contacted")).json().items.length, 0);
    t.equal((await search("maxValue=100")).json().items.length, 0);
  });

  t.test("reports conversion and time in stage for the partner", async (t) => {
    const res = await app.inject({ url: `/partners/${partnerId}/pipeline`, headers: asPartner });
    t.equal(res.statusCode, 200);
    const analytics = res.json();
    t.equal(analytics.totalLeads, 1);
    t.equal(analytics.won, 1);
    t.equal(analytics.conversionRate, 1);
    t.equal(analytics.wonValue, 25000);
    const contacted = analytics.stages.find((s: { stage: string }) => s.stage === "contacted");
    t.equal(contacted.reached, 1);
    t.ok(contacted.averageDaysInStage >= 0);
  });

  t.test("partner and contractor message each other; each message is announced", async (t) => {
    const fromPartner = await app.inject({
      method: "POST",
      url: `/leads/${leadId}/messages`,
      headers: asPartner,
      payload: { body: "Can we talk Tuesday?" },
    });
    t.equal(fromPartner.statusCode, 201);
    t.equal(fromPartner.json().sender, "partner");
    const fromContractor = await app.inject({
      method: "POST",
      url: `/leads/${leadId}/messages`,
      headers: asContractor,
      payload: { body: "Tuesday works." },
    });
    t.equal(fromContractor.json().sender, "contractor");
    const thread = await app.inject({ url: `/leads/${leadId}/messages`, headers: asContractor });
    t.same(
      thread.json().items.map((m: { body: string }) => m.body),
      ["Can we talk Tuesday?", "Tuesday works."],
    );
    const sent = await deps.db.outboxEvent.findMany({ where: { type: "lead.message.sent" } });
    t.equal(sent.length, 2);
    t.equal(leadMessageSentV1.decode((sent[0]!.payload as { data: unknown }).data).leadId, leadId);
  });

  t.test("another partner can reach neither the lead, its thread nor the pipeline", async (t) => {
    t.equal((await app.inject({ url: `/leads/${leadId}`, headers: asOtherPartner })).statusCode, 404);
    t.equal((await app.inject({ url: `/leads/${leadId}/messages`, headers: asOtherPartner })).statusCode, 404);
    t.equal((await app.inject({ url: `/leads/${leadId}/notes`, headers: asOtherPartner })).statusCode, 404);
    t.equal((await move("lost", asOtherPartner)).statusCode, 404);
    const post = await app.inject({
      method: "POST",
      url: `/leads/${leadId}/messages`,
      headers: asOtherPartner,
      payload: { body: "hello" },
    });
    t.equal(post.statusCode, 404);
    t.equal((await app.inject({ url: `/partners/${partnerId}/leads`, headers: asOtherPartner })).statusCode, 403);
    t.equal((await app.inject({ url: `/partners/${partnerId}/pipeline`, headers: asOtherPartner })).statusCode, 403);
    const own = await app.inject({ url: `/partners/${otherPartnerId}/leads`, headers: asOtherPartner });
    t.notOk(own.json().items.some((l: { id: string }) => l.id === leadId));
  });

  t.test("the contractor sees its thread but not the partner's notes, value or stage controls", async (t) => {
    const lead = await app.inject({ url: `/leads/${leadId}`, headers: asContractor });
    t.equal(lead.statusCode, 200);
    t.equal(lead.json().value, undefined);
    t.equal((await app.inject({ url: `/leads/${leadId}/notes`, headers: asContractor })).statusCode, 403);
    t.equal((await move("lost", asContractor)).statusCode, 403);
    const otherId = randomUUID();
    const stranger = await service.auth.headers({ role: "contractor", userId: otherId, contractorId: otherId });
    t.equal((await app.inject({ url: `/leads/${leadId}/messages`, headers: stranger })).statusCode, 404);
  });

  t.test("an API key without the leads:write scope cannot move a lead", async (t) => {
    const keyed = await service.auth.headers({ role: "partner", partnerId, scopes: ["leads:read"] });
    const note = await app.inject({
      method: "POST",
      url: `/leads/${leadId}/notes`,
      headers: keyed,
      payload: { body: "x" },
    });
    t.equal(note.statusCode, 403);
    t.equal((await app.inject({ url: `/partners/${partnerId}/leads`, headers: keyed })).statusCode, 200);
  });
});
