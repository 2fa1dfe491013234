import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  type EventContract,
  PartnerStatus,
  PcrStatus,
  partnerApprovedV1,
  partnerOnboardingCompletedV1,
  partnerProfileUpdatedV1,
  partnerRegisteredV1,
  partnerStatusChangedV1,
  pcrUpdatedV1,
  timestampFromDate,
} from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { needsOf } from "../../src/usecases/rank-partners.ts";
import { startMatching } from "../helper.ts";

/** The contracts' frozen fixture of an event, decoded, with the fields a test sets. */
function fixture<T extends object>(contract: EventContract<T>, overrides: Partial<T>): T {
  const url = new URL(`../../../../libs/contracts/test/fixtures/${contract.type}.v1.json`, import.meta.url);
  const data = contract.decode(JSON.parse(readFileSync(url, "utf8")).data);
  return Object.assign(data, overrides);
}

t.test("partner read model consumers", async (t) => {
  const { deps, publish } = await startMatching(t, { background: true });
  const partnerId = randomUUID();
  const row = () => deps.db.matchPartner.findUnique({ where: { id: partnerId } });
  const contractor = needsOf({ focusAreas: ["marketing"], capabilitiesNeeded: [], revenueTier: "1m-5m", state: "TX" });
  const matchedIds = async () => (await deps.partners.refresh()).top(contractor, 10).ranked.map((r) => r.partnerId);
  const at = (minutes: number) => timestampFromDate(new Date(Date.UTC(2026, 8, 1, 0, minutes)));

  t.test("builds the partner from registration and onboarding, not yet matchable", async (t) => {
    await publish(partnerRegisteredV1, fixture(partnerRegisteredV1, { partnerId, slug: "acme", companyName: "Acme" }));
    await publish(
      partnerOnboardingCompletedV1,
      fixture(partnerOnboardingCompletedV1, { partnerId, focusAreas: ["marketing"], completedAt: at(1) }),
    );
    const partner = await waitFor(async () => {
      const found = await row();
      return found?.focusAreas.includes("marketing") && found.paymentTier === "verified" && found;
    });
    t.equal(partner.status, "draft");
    t.same(await matchedIds(), []);
  });

  t.test("becomes matchable when approved and follows profile updates", async (t) => {
    await publish(partnerApprovedV1, fixture(partnerApprovedV1, { partnerId, approvedAt: at(2) }));
    await publish(
      partnerProfileUpdatedV1,
      fixture(partnerProfileUpdatedV1, {
        partnerId,
        slug: "acme-co",
        focusAreas: ["marketing", "finance"],
        serviceRegions: ["US-TX"],
        revenueTiers: ["1m-5m"],
        capabilities: [],
        updatedAt: at(3),
      }),
    );
    await waitFor(async () => (await row())?.slug === "acme-co" && (await row())?.status === "approved");
    t.same(await matchedIds(), [partnerId]);
    const [top] = (await deps.partners.refresh()).top(contractor, 1).ranked;
    t.equal(top?.score, 1, "US-TX is read as the contractor's state TX");
  });

  t.test("keeps the newest PCR and ignores an older revision", async (t) => {
    const pcr = (score: number, revision: number) => {
      const data = fixture(pcrUpdatedV1, { partnerId, status: PcrStatus.SCORED, score, revision });
      if (data.breakdown) data.breakdown.finalScore = score;
      data.confidence = undefined;
      return data;
    };
    await publish(pcrUpdatedV1, pcr(88.25, 5));
    await waitFor(async () => (await row())?.pcrScore === 88.25);
    await publish(pcrUpdatedV1, pcr(40, 3));
    await publish(pcrUpdatedV1, pcr(91, 6));
    await waitFor(async () => (await row())?.pcrScore === 91);
    t.equal((await row())?.pcrRevision, 6);
    t.equal((await deps.partners.refresh()).get(partnerId)?.pcrScore, 91);
  });

  t.test("drops out of matching when deactivated, and a late older status does not bring it back", async (t) => {
    await publish(
      partnerStatusChangedV1,
      fixture(partnerStatusChangedV1, {
        partnerId,
        previousStatus: PartnerStatus.APPROVED,
        status: PartnerStatus.INACTIVE,
        changedAt: at(10),
      }),
    );
    await waitFor(async () => (await row())?.status === "inactive");
    t.same(await matchedIds(), []);
    await publish(
      partnerStatusChangedV1,
      fixture(partnerStatusChangedV1, {
        partnerId,
        previousStatus: PartnerStatus.SUBMITTED,
        status: PartnerStatus.ACTIVE,
        changedAt: at(5),
      }),
    );
    const processed = await waitFor(async () => (await deps.db.processedEvent.count()) >= 9);
    t.ok(processed);
    t.equal((await row())?.status, "inactive");
    t.same(await matchedIds(), []);
  });
});
