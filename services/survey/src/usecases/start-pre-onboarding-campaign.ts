import { type PartnerOnboardingCompleted, timestampDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { SurveyDeps } from "../deps.ts";
import { quarterOf } from "../domain/quarter.ts";
import { type CreateCampaignResult, createCampaign } from "./create-campaign.ts";
import { recordPartnerProfile, recordPartnerReferences } from "./record-partner.ts";

/**
 * `partner.onboarding.completed`: remember the partner and its 10 references, then start its pre-onboarding
 * campaign. The dedupe key makes it one campaign per partner, even when the event is delivered or sent twice.
 */
export async function startPreOnboardingCampaign(
  tx: Tx,
  deps: Pick<SurveyDeps, "outbox" | "config">,
  event: PartnerOnboardingCompleted,
  now: Date = new Date(),
): Promise<CreateCampaignResult> {
  await recordPartnerProfile(tx, { id: event.partnerId, companyName: event.companyName, slug: event.slug });
  await recordPartnerReferences(tx, event.partnerId, [
    ...event.customerReferences.map((reference) => ({ audience: "CUSTOMER" as const, reference })),
    ...event.employeeReferences.map((reference) => ({ audience: "EMPLOYEE" as const, reference })),
  ]);
  const completedAt = event.completedAt ? timestampDate(event.completedAt) : now;
  return createCampaign(tx, deps, {
    partnerId: event.partnerId,
    kind: "PRE_ONBOARDING",
    quarter: quarterOf(completedAt, deps.config.QUARTERLY_TIMEZONE),
    dedupeKey: `pre-onboarding:${event.partnerId}`,
    now,
  });
}
