import { badgeChangedV1, pcrUpdatedV1 } from "@tpx/contracts";
import { type AddEventOptions, type OutboxEntry, outboxEntry } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import type { Badge } from "../domain/badges.ts";
import { computePcr, type PcrOutcome } from "../domain/compute-pcr.ts";
import type { PaymentTier } from "../domain/pcr-formula.ts";
import { type QuarterFigures, quarterFigures, quartersAffected } from "../domain/quarter-figures.ts";
import { badgeChangedPayload, pcrUpdatedPayload } from "../events/pcr-updated.ts";
import type { Trigger } from "../events/wire-values.ts";
import { lockPartners, type PartnerRow } from "../repositories/partner.repository.ts";
import { groupByQuarter, loadRatedResponses, type RatedResponse } from "../repositories/response.repository.ts";
import { type ScoreRow, saveScores } from "../repositories/score.repository.ts";
import type { ScoringDeps } from "./deps.ts";

/** One recomputation to run; several for one partner run in the order given, each seeing the ones before. */
export interface Recompute {
  partnerId: string;
  trigger: Trigger;
  /** A response stored in this transaction that counts from this recomputation on (it caused it). */
  responseId?: string;
  /** The trace of the event that caused it, for the events it publishes (default: the active one). */
  traceContext?: AddEventOptions["traceContext"];
}

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
  const [outcome] = await recomputeMany(deps, tx, [{ partnerId, trigger }]);
  return outcome!;
}

/**
 * Runs recomputations as if each were `recomputePcr` in turn, with a handful of statements for all of them: lock the
 * partners (in id order), load their rated responses, compute in memory in the order given (a response stored in
 * this transaction counts from the recomputation it caused on), then write every history row and current score,
 * the quarter figures that moved, and the events.
 */
export async function recomputeMany(
  deps: ScoringDeps,
  tx: Tx,
  recomputes: readonly Recompute[],
  /** The partners, when the caller has locked them already. */
  locked?: ReadonlyMap<string, PartnerRow>,
): Promise<PcrOutcome[]> {
  if (recomputes.length === 0) return [];
  const partnerIds = [...new Set(recomputes.map((recompute) => recompute.partnerId))];
  const partners = locked ?? (await lockPartners(tx, partnerIds));
  const responses = await loadRatedResponses(tx, partnerIds);
  // Responses of this transaction that a later recomputation brings in: invisible until then.
  const notYet = new Set(recomputes.flatMap((recompute) => (recompute.responseId ? [recompute.responseId] : [])));
  const current = new Map(
    [...partners].map(([id, row]) => [id, { revision: row.revision, score: row.score, badges: row.badges as Badge[] }]),
  );
  const scores: ScoreRow[] = [];
  const events: OutboxEntry[] = [];
  const outcomes = recomputes.map(({ partnerId, trigger, responseId, traceContext }) => {
    if (responseId) notYet.delete(responseId);
    const partner = partners.get(partnerId);
    const before = current.get(partnerId);
    if (!partner || !before) throw new Error(`partner ${partnerId} could not be locked`);
    const counted = (responses.get(partnerId) ?? []).filter((response) => !notYet.has(response.responseId));
    const outcome = computePcr(
      { profile: partner.profileCompletion, tier: partner.tier as PaymentTier },
      groupByQuarter(counted),
      deps.settings,
    );
    if (outcome.status === "none") return outcome;
    deps.recomputes?.inc({ trigger });

    const revision = before.revision + 1;
    const computedAt = deps.now();
    const scored = outcome.status === "scored" ? outcome : undefined;
    const badges = scored?.badges ?? [];
    scores.push({
      partnerId,
      revision,
      status: outcome.status,
      score: scored?.breakdown.final ?? null,
      previousScore: before.score,
      breakdown: scored?.breakdown ?? null,
      badges,
      windowQuarter: outcome.window.quarter,
      responseCount: outcome.window.responseCount,
      responsesNeeded: outcome.window.responsesNeeded,
      confidence: scored?.confidence ?? null,
      trigger,
      computedAt,
      momentum: scored?.breakdown.momentum ?? null,
    });
    const options = { subject: partnerId, time: computedAt, ...(traceContext ? { traceContext } : {}) };
    const payload = pcrUpdatedPayload({
      partnerId,
      outcome,
      previousScore: before.score ?? undefined,
      computedAt,
      trigger,
      revision,
    });
    events.push(outboxEntry(pcrUpdatedV1, payload, options));
    const badgeChange = badgeChangedPayload(partnerId, before.badges, badges, computedAt);
    if (badgeChange) events.push(outboxEntry(badgeChangedV1, badgeChange, options));
    current.set(partnerId, { revision, score: scored?.breakdown.final ?? null, badges });
    return outcome;
  });

  await saveScores(tx, scores, changedQuarterFigures(recomputes, responses, deps.settings.responsesNeeded));
  await deps.outbox.addMany(tx, events);
  return outcomes;
}

/**
 * Each partner's quarter figures from all its rated responses (they only depend on the responses): every quarter
 * when a recomputation had another cause (a changed threshold is applied by a manual recompute), otherwise only the
 * quarters the new responses can have moved.
 */
function changedQuarterFigures(
  recomputes: readonly Recompute[],
  responses: ReadonlyMap<string, readonly RatedResponse[]>,
  responsesNeeded: number,
): (QuarterFigures & { partnerId: string })[] {
  const quarterOf = new Map([...responses.values()].flat().map((response) => [response.responseId, response.quarter]));
  const touched = new Map<string, Set<string>>();
  const everyQuarter = new Set<string>();
  for (const { partnerId, responseId } of recomputes) {
    const quarters = touched.get(partnerId) ?? new Set<string>();
    touched.set(partnerId, quarters);
    if (!responseId) everyQuarter.add(partnerId);
    const quarter = responseId === undefined ? undefined : quarterOf.get(responseId);
    if (quarter) quarters.add(quarter);
  }
  return [...touched].flatMap(([partnerId, quarters]) => {
    const grouped = groupByQuarter(responses.get(partnerId) ?? []);
    const affected = everyQuarter.has(partnerId) ? undefined : quartersAffected(grouped, quarters, responsesNeeded);
    return quarterFigures(grouped, responsesNeeded)
      .filter((figures) => affected === undefined || affected.has(figures.quarter))
      .map((figures) => ({ partnerId, ...figures }));
  });
}
