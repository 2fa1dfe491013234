import { randomUUID } from "node:crypto";
import { matchCreatedV1, timestampFromDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { MatchingDeps } from "../deps.ts";
import { ALGORITHM_VERSION } from "../domain/match-score.ts";
import { openLead } from "./open-lead.ts";
import { type ContractorMatchInputs, type RankedCandidate, rankPartners } from "./rank-partners.ts";

export type MatchTrigger = "on_demand" | "profile_changed";

export interface RecordedMatch {
  matchId: string;
  contractorId: string;
  algorithmVersion: string;
  trigger: MatchTrigger;
  primaryPartnerId: string | null;
  eligibleCount: number;
  createdAt: Date;
  candidates: (RankedCandidate & { isPrimary: boolean; leadId: string | null })[];
}

/**
 * One matching run inside the caller's transaction: rank, record the run and every candidate (history, primary match,
 * reasons, algorithm version), open a lead in each offered partner's pipeline, and announce it with `match.created`.
 * A run with no eligible partner is still recorded, but announces nothing (the event needs a candidate).
 */
export async function recordMatch(
  deps: MatchingDeps,
  tx: Tx,
  contractor: ContractorMatchInputs & { id: string },
  trigger: MatchTrigger,
  limit: number,
): Promise<RecordedMatch> {
  const index = await deps.partners.refresh();
  const { candidates, eligible } = rankPartners(index, contractor, limit);
  const matchId = randomUUID();
  const createdAt = new Date();
  const primary = candidates[0]?.partnerId ?? null;
  await tx.matchRun.create({
    data: {
      id: matchId,
      contractorId: contractor.id,
      algorithmVersion: ALGORITHM_VERSION,
      trigger,
      primaryPartnerId: primary,
      eligibleCount: eligible,
      createdAt,
    },
  });
  const recorded: RecordedMatch["candidates"] = [];
  for (const candidate of candidates) {
    const leadId = await openLead(deps, tx, {
      partnerId: candidate.partnerId,
      contractorId: contractor.id,
      matchId,
      at: createdAt,
    });
    recorded.push({ ...candidate, isPrimary: candidate.partnerId === primary, leadId });
  }
  await tx.matchResult.createMany({
    data: recorded.map((candidate) => ({
      matchId,
      partnerId: candidate.partnerId,
      rank: candidate.rank,
      score: candidate.score,
      confidence: candidate.confidence,
      components: candidate.components,
      reasons: candidate.reasons,
      pcrScore: candidate.pcrScore,
      isPrimary: candidate.isPrimary,
      leadId: candidate.leadId,
    })),
  });
  if (primary !== null) {
    await deps.outbox.add(
      tx,
      matchCreatedV1,
      matchCreatedV1.create({
        matchId,
        contractorId: contractor.id,
        algorithmVersion: ALGORITHM_VERSION,
        primaryPartnerId: primary,
        createdAt: timestampFromDate(createdAt),
        candidates: recorded.map((candidate) => ({
          partnerId: candidate.partnerId,
          rank: candidate.rank,
          score: candidate.score,
          confidence: candidate.confidence,
          reasons: candidate.reasons,
          ...(candidate.leadId ? { leadId: candidate.leadId } : {}),
        })),
      }),
      { subject: contractor.id },
    );
  }
  return {
    matchId,
    contractorId: contractor.id,
    algorithmVersion: ALGORITHM_VERSION,
    trigger,
    primaryPartnerId: primary,
    eligibleCount: eligible,
    createdAt,
    candidates: recorded,
  };
}
