import { badgeChangedV1, pcrUpdatedV1 } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Badge } from "../domain/badges.ts";
import { computePcr, type PcrOutcome } from "../domain/compute-pcr.ts";
import type { PaymentTier } from "../domain/pcr-formula.ts";
import { badgeChangedPayload, pcrUpdatedPayload } from "../events/pcr-updated.ts";
import type { Trigger } from "../events/wire-values.ts";
import { lockPartner } from "../repositories/partner.repository.ts";
import { groupByQuarter, loadRatedResponses } from "../repositories/response.repository.ts";
import type { ScoringDeps } from "./deps.ts";
import { rebuildQuarterSummaries } from "./rebuild-quarter-summaries.ts";

/**
 * Recomputes one partner's PCR inside the caller's transaction: history row, current score, quarter figures, and
 * exactly one `pcr.updated` (plus `badge.changed` when the badges moved) through the outbox. A partner without any
 * rated response has nothing to compute and publishes nothing.
 */
export async function recomputePcr(
  deps: ScoringDeps,
  tx: Tx,
  partnerId: string,
  trigger: Trigger,
): Promise<PcrOutcome> {
  const partner = await lockPartner(tx, partnerId);
  const responses = await loadRatedResponses(tx, partnerId);
  await rebuildQuarterSummaries(tx, partnerId, responses, deps.settings.responsesNeeded);
  const outcome = computePcr(
    { profile: partner.profileCompletion, tier: partner.tier as PaymentTier },
    groupByQuarter(responses),
    deps.settings,
  );
  if (outcome.status === "none") return outcome;
  deps.recomputes?.inc({ trigger });

  const revision = partner.revision + 1;
  const computedAt = deps.now();
  const scored = outcome.status === "scored" ? outcome : undefined;
  const badges = scored?.badges ?? [];
  // One statement: the history row and the partner's current score.
  await tx.$executeRawUnsafe(
    `WITH history AS (
       INSERT INTO score_record (partner_id, revision, status, score, previous_score, breakdown, badges, window_quarter,
         response_count, responses_needed, confidence, trigger, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11::jsonb, $12, $13))
     UPDATE partner SET revision = $2, pcr_status = $3, score = $4, momentum = $14, badges = $7::jsonb, computed_at = $13
      WHERE id = $1`,
    partnerId,
    revision,
    outcome.status,
    scored?.breakdown.final ?? null,
    partner.score,
    scored ? JSON.stringify(scored.breakdown) : null,
    JSON.stringify(badges),
    outcome.window.quarter,
    outcome.window.responseCount,
    outcome.window.responsesNeeded,
    scored ? JSON.stringify(scored.confidence) : null,
    trigger,
    computedAt,
    scored?.breakdown.momentum ?? null,
  );
  const payload = pcrUpdatedPayload({
    partnerId,
    outcome,
    previousScore: partner.score ?? undefined,
    computedAt,
    trigger,
    revision,
  });
  await deps.outbox.add(tx, pcrUpdatedV1, payload, { subject: partnerId, time: computedAt });
  const badgeChange = badgeChangedPayload(partnerId, partner.badges as unknown as Badge[], badges, computedAt);
  if (badgeChange) await deps.outbox.add(tx, badgeChangedV1, badgeChange, { subject: partnerId, time: computedAt });
  return outcome;
}
