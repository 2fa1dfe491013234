import { randomUUID } from "node:crypto";
import {
  createEnvelope,
  PartnerStatus,
  PaymentTier,
  partnerOnboardingCompletedV1,
  partnerStatusChangedV1,
  subjectFor,
  timestampNow,
} from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { registerSurveyConsumers } from "../../src/consumers/index.ts";
import { outboxData, startSurvey } from "../helper.ts";

function reference(prefix: string, index: number, phone: boolean) {
  return {
    referenceId: `${prefix}-${index}`,
    name: `${prefix} ${index}`,
    company: "Client Co",
    email: `${prefix}${index}@example.com`,
    ...(phone ? { phone: `+1555123000${index}` } : {}),
  };
}

t.test("consumer partner.onboarding.completed.v1", async (t) => {
  const survey = await startSurvey(t);
  registerSurveyConsumers(survey.platform.consumers, survey.deps);
  await survey.startBackground();
  const { js } = survey.platform;
  const partnerId = randomUUID();
  const data = partnerOnboardingCompletedV1.encode(
    partnerOnboardingCompletedV1.create({
      partnerId,
      slug: "acme-roofing",
      companyName: "Acme Roofing",
      paymentTier: PaymentTier.VERIFIED,
      profileCompletion: 80,
      focusAreas: ["marketing"],
      customerReferences: [0, 1, 2, 3, 4].map((i) => reference("customer", i, i < 2)),
      employeeReferences: [0, 1, 2, 3, 4].map((i) => reference("employee", i, false)),
      completedAt: timestampNow(),
    }),
  );
  const publish = async (type: string, payload: unknown, version = 1) => {
    const envelope = createEnvelope({
      source: "tpx/partner",
      type,
      dataschema: "x",
      data: payload,
      subject: partnerId,
    });
    await js.publish(subjectFor(survey.namespace, type, version), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope;
  };

  t.test("creates exactly one pre-onboarding campaign when the event is delivered and sent twice", async (t) => {
    const envelope = await publish("partner.onboarding.completed", data);
    // The same envelope redelivered under another message id, and the partner service sending the fact again.
    await js.publish(subjectFor(survey.namespace, "partner.onboarding.completed", 1), JSON.stringify(envelope), {
      msgID: randomUUID(),
    });
    await publish("partner.onboarding.completed", data);
    await waitFor(
      async () =>
        (await survey.db.processedEvent.count({ where: { consumer: "survey__partner-onboarding-completed-v1" } })) ===
        2,
      { description: "both distinct events processed" },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const campaigns = await survey.db.campaign.findMany({ where: { partnerId } });
    t.equal(campaigns.length, 1);
    t.match(campaigns[0], { kind: "PRE_ONBOARDING", recipientCount: 10, invitationCount: 12, state: "OPEN" });
    t.equal(await survey.db.recipient.count({ where: { campaignId: campaigns[0]!.id } }), 10);
    t.equal((await outboxData(survey.db, "campaign.created")).length, 1);
  });

  t.test("requests one invitation per recipient and channel with a survey URL and a hashed token", async (t) => {
    const invitations = await outboxData(survey.db, "survey.invitation.requested");
    t.equal(invitations.filter((row) => row.channel === "CHANNEL_EMAIL").length, 10);
    t.equal(invitations.filter((row) => row.channel === "CHANNEL_SMS").length, 2);
    t.ok(invitations.every((row) => /^https:\/\/tpx\.example\/s\/[A-Za-z0-9_-]{43}$/.test(String(row.surveyUrl))));
    t.ok(invitations.every((row) => row.partnerName === "Acme Roofing" && row.kind === "INVITATION_KIND_INVITATION"));
    const token = String(invitations[0]!.surveyUrl).split("/s/")[1]!;
    const stored = await survey.db.surveyLink.findMany();
    t.equal(stored.length, 10);
    t.notOk(
      stored.some((link) => link.tokenHash === token),
      "the plain token is not stored",
    );
    t.ok(stored.every((link) => /^[0-9a-f]{64}$/.test(link.tokenHash)));
  });

  t.test("partner.status_changed keeps who is active, ignoring older changes", async (t) => {
    const change = (status: PartnerStatus, at: Date) =>
      partnerStatusChangedV1.encode(
        partnerStatusChangedV1.create({
          partnerId,
          previousStatus: PartnerStatus.SUBMITTED,
          status,
          changedAt: { seconds: BigInt(Math.floor(at.getTime() / 1000)), nanos: 0 },
        }),
      );
    await publish("partner.status_changed", change(PartnerStatus.ACTIVE, new Date()));
    await publish("partner.status_changed", change(PartnerStatus.APPROVED, new Date(Date.now() - 60_000)));
    await waitFor(
      async () =>
        (await survey.db.processedEvent.count({ where: { consumer: "survey__partner-status-changed-v1" } })) === 2,
    );
    const partner = await survey.db.partner.findUniqueOrThrow({ where: { id: partnerId } });
    t.equal(partner.status, "ACTIVE");
    t.equal(partner.companyName, "Acme Roofing");
  });
});
