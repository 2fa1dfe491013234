import t from "tap";
import { people, STEP_INPUT, STEPS } from "../fixtures.ts";
import { startPartner } from "../helper.ts";

const h = await startPartner(t);

/** For each step: a bad body, and the fields its problem must name. */
const BAD_INPUT: Record<(typeof STEPS)[number], { body: unknown; fields: string[] }> = {
  company: {
    body: { website: "ftp://nope", contactEmail: "not-an-email", contactPhone: "12", companyName: "!!!" },
    fields: ["body.website", "body.contactEmail", "body.contactPhone", "body.companyName"],
  },
  capabilities: {
    body: { capabilities: [{ key: "Bad Key", name: "x" }, { name: "no key" }] },
    fields: ["body.capabilities.0.key", "body.capabilities.1.key"],
  },
  "focus-areas": { body: { focusAreas: ["ok", "NOT OK"] }, fields: ["body.focusAreas.1"] },
  "service-regions": { body: { serviceRegions: ["TX", "ZZ"] }, fields: ["body.serviceRegions.1"] },
  videos: {
    body: { videos: [{ title: "x", url: "https://example.com/video" }] },
    fields: ["body.videos.0.url"],
  },
  "customer-references": {
    body: { references: [...people("c", 2), { ...people("c", 1)[0], phone: "abc" }] },
    fields: ["body.references.2.email", "body.references.2.phone"],
  },
  "employee-references": {
    body: { references: [{ name: "A", company: "B", email: "nope" }] },
    fields: ["body.references.0.email"],
  },
  "payment-tier": { body: { paymentTier: "PLATINUM" }, fields: ["body.paymentTier"] },
};

t.test("PUT /partners/:id/onboarding/steps/*", async (t) => {
  const { id, headers } = await h.partnerUser();
  const before = await h.call("GET", `/partners/${id}`, headers);

  for (const step of STEPS) {
    t.test(`step ${step}: bad input is refused with every bad field named, and nothing is stored`, async (t) => {
      const res = await h.call("PUT", `/partners/${id}/onboarding/steps/${step}`, headers, BAD_INPUT[step].body);
      t.equal(res.statusCode, 400);
      t.match(res.headers["content-type"], /application\/problem\+json/);
      const named = (res.json().errors as { field: string }[]).map((error) => error.field);
      for (const field of BAD_INPUT[step].fields)
        t.ok(named.includes(field), `names ${field} (got ${named.join(", ")})`);
      const after = await h.call("GET", `/partners/${id}`, headers);
      t.same({ ...after.json(), updatedAt: null }, { ...before.json(), updatedAt: null }, "the partner is unchanged");
    });
  }

  t.test("a field that belongs to another step, or that a partner may not set, is refused by name", async (t) => {
    for (const field of ["status", "paymentTier", "slug", "profileCompletion"]) {
      const res = await h.call("PUT", `/partners/${id}/onboarding/steps/company`, headers, {
        website: "https://a.example.com",
        [field]: "x",
      });
      t.equal(res.statusCode, 400, field);
      t.same(res.json().errors, [{ field: `body.${field}`, message: "is not allowed" }]);
    }
  });
});

t.test("onboarding flow", async (t) => {
  const { id, headers } = await h.partnerUser("Flow Co");

  t.test("a partial save keeps the other fields and normalises what it stores", async (t) => {
    let res = await h.call("PUT", `/partners/${id}/onboarding/steps/company`, headers, {
      website: "https://flow.example.com",
    });
    t.equal(res.statusCode, 200);
    res = await h.call("PUT", `/partners/${id}/onboarding/steps/company`, headers, { contactPhone: "(512) 555-0199" });
    t.equal(res.json().website, "https://flow.example.com/");
    t.equal(res.json().contactPhone, "+15125550199");
    t.equal(res.json().onboarding.currentStep, 1, "step 1 is not complete yet: resume there");
  });

  t.test("duplicate reference e-mails are refused within a list and across customers and employees", async (t) => {
    const dupe = [...people("d", 1), { ...people("d", 1)[0], email: "D1@example.com " }];
    let res = await h.call("PUT", `/partners/${id}/onboarding/steps/customer-references`, headers, {
      references: dupe,
    });
    t.equal(res.statusCode, 400);
    t.same(
      res.json().errors.map((e: { field: string }) => e.field),
      ["body.references.1.email"],
    );
    res = await h.call("PUT", `/partners/${id}/onboarding/steps/customer-references`, headers, {
      references: people("x", 2),
    });
    t.equal(res.statusCode, 200);
    res = await h.call("PUT", `/partners/${id}/onboarding/steps/employee-references`, headers, {
      references: people("x", 1),
    });
    t.equal(res.statusCode, 400, "an employee reference cannot repeat a customer reference");
  });

  t.test("submitting before all 8 steps are complete is refused and lists the missing steps", async (t) => {
    const res = await h.call("POST", `/partners/${id}/onboarding/submit`, headers);
    t.equal(res.statusCode, 409);
    t.equal(res.json().code, "ONBOARDING_INCOMPLETE");
    t.ok(res.json().incompleteSteps.length > 0);
    t.equal((await h.outbox("partner.onboarding.completed")).length, 0);
  });

  t.test("resume points at the first incomplete step as steps are saved in any order", async (t) => {
    for (const step of [...STEPS].reverse()) {
      const res = await h.call("PUT", `/partners/${id}/onboarding/steps/${step}`, headers, STEP_INPUT[step]);
      t.equal(res.statusCode, 200, step);
    }
    const view = (await h.call("GET", "/partners/me", headers)).json();
    t.same(view.onboarding.completedSteps, [1, 2, 3, 4, 5, 6, 7, 8]);
    t.equal(view.onboarding.currentStep, null);
    t.equal(view.paymentTier, "VERIFIED");
    t.equal(view.customerReferences[0].email, "customer1@example.com");
    t.equal(view.customerReferences[0].phone, "+15125550100");
    t.same(
      view.videos.map((v: { provider: string }) => v.provider),
      ["youtube", "vimeo"],
    );
  });

  t.test(
    "submit after step 8 emits partner.onboarding.completed with the references, through the outbox",
    async (t) => {
      const res = await h.call("POST", `/partners/${id}/onboarding/submit`, headers);
      t.equal(res.statusCode, 200);
      t.equal(res.json().status, "SUBMITTED");
      const [event] = await h.outbox("partner.onboarding.completed");
      t.equal(event.partnerId, id);
      t.equal(event.paymentTier, "PAYMENT_TIER_VERIFIED");
      t.equal(event.customerReferences.length, 5);
      t.equal(event.employeeReferences.length, 5);
      t.equal(event.employeeReferences[4].email, "employee5@example.com");
      t.ok(event.customerReferences.every((r: { referenceId: string }) => /^[0-9a-f-]{36}$/.test(r.referenceId)));
      const status = await h.outbox("partner.status_changed");
      t.match(status.at(-1), { previousStatus: "PARTNER_STATUS_DRAFT", status: "PARTNER_STATUS_SUBMITTED" });
    },
  );

  t.test("after submission the onboarding steps are closed and a second submit is refused", async (t) => {
    const save = await h.call("PUT", `/partners/${id}/onboarding/steps/videos`, headers, STEP_INPUT.videos);
    t.equal(save.statusCode, 409);
    const again = await h.call("POST", `/partners/${id}/onboarding/submit`, headers);
    t.equal(again.statusCode, 409);
    t.equal(again.json().code, "ILLEGAL_TRANSITION");
    t.equal((await h.outbox("partner.onboarding.completed")).length, 1);
  });
});
