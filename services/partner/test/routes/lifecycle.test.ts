import t from "tap";
import { PARTNER_STATUSES, type PartnerStatus } from "../../src/domain/lifecycle.ts";
import { startPartner } from "../helper.ts";

const h = await startPartner(t);

/** The admin route that moves a partner into each status (SUBMITTED comes from the partner's own submit). */
const ROUTE: Partial<Record<PartnerStatus, { path: string; body: object }>> = {
  APPROVED: { path: "approve", body: {} },
  REJECTED: { path: "reject", body: { reason: "Incomplete references" } },
  ACTIVE: { path: "activate", body: {} },
  INACTIVE: { path: "deactivate", body: {} },
};
const LEGAL = new Set([
  "SUBMITTED>APPROVED",
  "SUBMITTED>REJECTED",
  "APPROVED>ACTIVE",
  "ACTIVE>INACTIVE",
  "INACTIVE>ACTIVE",
]);

async function partnerIn(status: PartnerStatus): Promise<string> {
  const id = (await h.admin("POST", "/admin/partners", { companyName: `Co ${status}` })).json().id;
  await h.db.partner.update({ where: { id }, data: { status } });
  return id;
}

t.test("admin lifecycle routes", async (t) => {
  t.test("every illegal transition is refused with 409 and the allowed ones named, and nothing changes", async (t) => {
    for (const from of PARTNER_STATUSES) {
      const id = await partnerIn(from);
      for (const [to, route] of Object.entries(ROUTE) as [PartnerStatus, { path: string; body: object }][]) {
        if (LEGAL.has(`${from}>${to}`)) continue;
        const res = await h.admin("POST", `/admin/partners/${id}/${route.path}`, route.body);
        t.equal(res.statusCode, 409, `${from} → ${to}`);
        t.equal(res.json().code, "ILLEGAL_TRANSITION");
      }
      t.equal((await h.db.partner.findUniqueOrThrow({ where: { id } })).status, from, `${from} unchanged`);
    }
    t.equal((await h.outbox("partner.status_changed")).length, 0, "no event for a refused transition");
  });

  t.test(
    "the legal path works and each step emits partner.status_changed; approval also partner.approved",
    async (t) => {
      const id = await partnerIn("SUBMITTED");
      const bodiless = await h.app.inject({
        method: "POST",
        url: `/admin/partners/${id}/approve`,
        headers: h.adminHeaders,
      });
      t.equal(bodiless.statusCode, 200, "approve needs no body");
      await h.db.partner.update({ where: { id }, data: { status: "SUBMITTED" } });
      for (const to of ["APPROVED", "ACTIVE", "INACTIVE", "ACTIVE"] as const) {
        const res = await h.admin("POST", `/admin/partners/${id}/${ROUTE[to]!.path}`, ROUTE[to]!.body);
        t.equal(res.statusCode, 200, to);
        t.equal(res.json().status, to);
      }
      const events = (await h.outbox("partner.status_changed")).filter((e) => e.partnerId === id);
      t.same(
        events.map((e) => e.status),
        [
          "PARTNER_STATUS_APPROVED",
          "PARTNER_STATUS_APPROVED",
          "PARTNER_STATUS_ACTIVE",
          "PARTNER_STATUS_INACTIVE",
          "PARTNER_STATUS_ACTIVE",
        ],
      );
      t.equal((await h.outbox("partner.approved")).length, 2);
    },
  );

  t.test("reject needs a reason, stores it and the audit entry carries it with before and after", async (t) => {
    const id = await partnerIn("SUBMITTED");
    const missing = await h.admin("POST", `/admin/partners/${id}/reject`, {});
    t.equal(missing.statusCode, 400);
    t.same(missing.json().errors, [{ field: "body.reason", message: "must have required property 'reason'" }]);
    const res = await h.admin("POST", `/admin/partners/${id}/reject`, { reason: "References unreachable" });
    t.equal(res.json().rejectionReason, "References unreachable");
    const audit = (await h.admin("GET", `/partners/${id}/audit`)).json().items;
    t.match(audit[0], {
      action: "reject",
      actor: { role: "admin" },
      before: { status: "SUBMITTED" },
      after: { status: "REJECTED", rejectionReason: "References unreachable" },
      reason: "References unreachable",
    });
  });
});

t.test("admin tier change", async (t) => {
  const id = await partnerIn("ACTIVE");
  const res = await h.admin("PUT", `/admin/partners/${id}/tier`, { tier: "GOLD", reason: "upgrade" });
  t.equal(res.json().paymentTier, "GOLD");
  const [event] = await h.outbox("partner.tier.changed");
  t.match(event, { partnerId: id, previousTier: "PAYMENT_TIER_FREE", tier: "PAYMENT_TIER_GOLD", reason: "upgrade" });
  const audit = (await h.admin("GET", `/partners/${id}/audit`)).json().items;
  t.match(audit[0], { action: "tier.change", before: { paymentTier: "FREE" }, after: { paymentTier: "GOLD" } });
});

t.test("POST /admin/partners/bulk", async (t) => {
  const submitted = await partnerIn("SUBMITTED");
  const draft = await partnerIn("DRAFT");
  const unknown = crypto.randomUUID();
  const res = await h.admin("POST", "/admin/partners/bulk", { action: "approve", ids: [submitted, draft, unknown] });
  t.equal(res.statusCode, 200);
  t.match(res.json(), {
    succeeded: 1,
    failed: 2,
    results: [
      { id: submitted, ok: true, status: "APPROVED" },
      { id: draft, ok: false, error: { status: 409, code: "ILLEGAL_TRANSITION" } },
      { id: unknown, ok: false, error: { status: 404, code: "NOT_FOUND" } },
    ],
  });

  const tier = await h.admin("POST", "/admin/partners/bulk", {
    action: "tier",
    ids: [submitted, draft],
    tier: "VERIFIED",
  });
  t.same(
    tier.json().results.map((r: { ok: boolean }) => r.ok),
    [true, true],
  );
  const noTier = await h.admin("POST", "/admin/partners/bulk", { action: "tier", ids: [draft] });
  t.equal(noTier.statusCode, 400, "action tier without a tier is refused");

  const status = await h.admin("POST", "/admin/partners/bulk", {
    action: "status",
    ids: [submitted],
    status: "ACTIVE",
  });
  t.match(status.json().results, [{ ok: true, status: "ACTIVE" }]);

  const del = await h.admin("POST", "/admin/partners/bulk", { action: "delete", ids: [draft, unknown] });
  t.match(del.json().results, [
    { id: draft, ok: true },
    { id: unknown, ok: false },
  ]);
  t.equal(await h.db.partner.count({ where: { id: draft } }), 0);
  const audit = (await h.admin("GET", `/partners/${draft}/audit`)).json().items;
  t.match(
    audit[0],
    { action: "delete", after: null, before: { id: draft, companyName: "Co DRAFT" } },
    "the deletion stays audited",
  );
});
