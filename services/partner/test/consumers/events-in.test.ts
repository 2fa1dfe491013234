import {
  Audience,
  BadgeKind,
  Momentum,
  PaymentTier,
  PcrStatus,
  PcrTrigger,
  pcrUpdatedV1,
  QuestionType,
  responseRecordedV1,
  timestampNow,
  UserRole,
  userRegisteredV1,
} from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { startPartner } from "../helper.ts";

const h = await startPartner(t, { consumers: true });

function scored(partnerId: string, score: number, revision: number) {
  return pcrUpdatedV1.create({
    partnerId,
    status: PcrStatus.SCORED,
    score,
    breakdown: {
      profileScore: 80,
      feedbackScore: 70,
      baseScore: 73,
      paymentTier: PaymentTier.FREE,
      paymentMultiplier: 1.5,
      paymentPoints: 6,
      momentum: Momentum.HOT,
      momentumPoints: 5,
      finalScore: score,
    },
    badges: [{ code: "pcr-trusted", label: "Trusted Partner", kind: BadgeKind.SCORE }],
    window: { quarter: "2026-Q4", responseCount: 6, responsesNeeded: 5 },
    computedAt: timestampNow(),
    trigger: PcrTrigger.RESPONSE,
    revision,
  });
}

function response(partnerId: string, rating: number, comment: string | undefined, consent: boolean) {
  return responseRecordedV1.create({
    responseId: crypto.randomUUID(),
    campaignId: crypto.randomUUID(),
    partnerId,
    quarter: "2026-Q4",
    audience: Audience.CUSTOMER,
    templateId: "powercard",
    templateVersion: 1,
    answers: [
      {
        questionId: "q1",
        category: "service",
        type: QuestionType.RATING,
        numericValue: rating,
        scaleMin: 1,
        scaleMax: 5,
      },
    ],
    consentToPublish: consent,
    ...(comment ? { comment } : {}),
    submittedAt: timestampNow(),
  });
}

t.test("consumer user.registered", async (t) => {
  const userId = crypto.randomUUID();
  const event = userRegisteredV1.create({
    userId,
    email: "owner@summit.example.com",
    role: UserRole.PARTNER,
    companyName: "Summit Windows",
    registeredAt: timestampNow(),
  });
  await h.publish(userRegisteredV1, event);
  await h.publish(userRegisteredV1, event); // a second copy with a new event id: still one partner per user
  await h.publish(userRegisteredV1, { ...event, userId: crypto.randomUUID(), role: UserRole.CONTRACTOR });
  const partner = await waitFor(() => h.db.partner.findUnique({ where: { ownerUserId: userId } }), {
    description: "draft partner created",
  });
  t.match(partner, { companyName: "Summit Windows", slug: "summit-windows", status: "DRAFT" });
  await waitFor(async () => (await h.db.processedEvent.count()) >= 3, { description: "all three consumed" });
  t.equal(
    await h.db.partner.count({ where: { companyName: "Summit Windows" } }),
    1,
    "created once; contractors ignored",
  );
  const [registered] = await h.outbox("partner.registered");
  t.match(registered, { partnerId: partner.id, slug: "summit-windows", ownerUserId: userId });
});

t.test("consumer pcr.updated and response.recorded feed the public profile", async (t) => {
  const { id } = (await h.admin("POST", "/admin/partners", { companyName: "Scored Co" })).json();
  await h.db.partner.update({ where: { id }, data: { status: "ACTIVE", approvedAt: new Date() } });

  await h.publish(pcrUpdatedV1, scored(id, 79.4, 2));
  await waitFor(() => h.db.partnerScore.findUnique({ where: { partnerId: id } }), { description: "score stored" });
  let page = (await h.call("GET", "/public/partners/scored-co", {})).json();
  t.match(page, {
    pcrStatus: "scored",
    pcrRevision: 2,
    pcr: {
      score: 79.4,
      badges: ["pcr-trusted"],
      momentum: "hot",
      responseCount: 6,
      breakdown: { profile: 80, feedback: 70, base: 73, payment: 6, momentumPoints: 5, final: 79.4 },
    },
  });

  t.test("an older revision arriving late does not overwrite a newer score", async (t) => {
    await h.publish(pcrUpdatedV1, scored(id, 50, 1));
    await waitFor(async () => (await h.db.processedEvent.count({ where: { consumer: { contains: "pcr" } } })) >= 2, {
      description: "stale update consumed",
    });
    t.equal((await h.call("GET", "/public/partners/scored-co", {})).json().pcr.score, 79.4);
    const search = (await h.call("GET", "/public/partners?minPcr=79", {})).json();
    t.same(
      search.items.map((i: { slug: string }) => i.slug),
      ["scored-co"],
      "directory filters on the copied PCR",
    );
  });

  t.test("only consented comments become anonymous testimonials", async (t) => {
    await h.publish(responseRecordedV1, response(id, 5, "Great crew, on time.", true));
    await h.publish(responseRecordedV1, response(id, 1, "Slow to answer calls.", true));
    await h.publish(responseRecordedV1, response(id, 5, "Private remark", false));
    await h.publish(responseRecordedV1, response(id, 4, undefined, true));
    await waitFor(
      async () => (await h.db.processedEvent.count({ where: { consumer: { contains: "response" } } })) >= 4,
      { description: "responses consumed" },
    );
    page = (await h.call("GET", "/public/partners/scored-co", {})).json();
    t.same(
      page.testimonials.map((x: { text: string }) => x.text).sort(),
      ["Great crew, on time.", "Slow to answer calls."],
      "the critical one is shown too; the unconsented one never",
    );
    t.same(
      Object.keys(page.testimonials[0]).sort(),
      ["audience", "quarter", "rating", "text"],
      "nothing identifies the author",
    );
    t.same(page.testimonials.map((x: { rating: number }) => x.rating).sort(), [0, 100]);
  });
});
