import { NotFoundError } from "@tpx/service-kit";
import type { SurveyDeps } from "../deps.ts";
import { quarterOf } from "../domain/quarter.ts";
import { createCampaign } from "./create-campaign.ts";

export interface ManualCampaignOutcome {
  partnerId: string;
  outcome: "created" | "no_recipients";
  campaignId?: string;
  recipientCount?: number;
}

/**
 * An admin starts a campaign by hand for one partner (any status) or for every active partner. Each partner's
 * campaign is its own transaction, so one partner without references does not stop the others.
 */
export async function startManualCampaigns(
  deps: SurveyDeps,
  input: { partnerId?: string; adminUserId: string; now?: Date },
): Promise<ManualCampaignOutcome[]> {
  const now = input.now ?? new Date();
  const partnerIds = input.partnerId
    ? [input.partnerId]
    : (
        await deps.db.partner.findMany({ where: { status: "ACTIVE" }, select: { id: true }, orderBy: { id: "asc" } })
      ).map((partner) => partner.id);
  const outcomes: ManualCampaignOutcome[] = [];
  for (const partnerId of partnerIds) {
    const result = await deps.db.$transaction((tx) =>
      createCampaign(tx, deps, {
        partnerId,
        kind: "MANUAL",
        quarter: quarterOf(now, deps.config.QUARTERLY_TIMEZONE),
        dedupeKey: null,
        createdBy: input.adminUserId,
        now,
      }),
    );
    if (result.outcome === "unknown_partner") throw new NotFoundError("The partner");
    if (result.outcome === "created") {
      outcomes.push({
        partnerId,
        outcome: "created",
        campaignId: result.campaignId,
        recipientCount: result.recipientCount,
      });
    } else if (result.outcome === "no_recipients") {
      outcomes.push({ partnerId, outcome: "no_recipients" });
    }
  }
  return outcomes;
}
