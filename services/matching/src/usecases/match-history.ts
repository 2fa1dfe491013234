import { NotFoundError } from "@tpx/service-kit";
import type { MatchingDeps } from "../deps.ts";
import type { Components } from "../domain/match-score.ts";

export interface MatchView {
  matchId: string;
  contractorId: string;
  algorithmVersion: string;
  trigger: string;
  primaryPartnerId: string | null;
  eligibleCount: number;
  createdAt: Date;
  candidates: {
    partnerId: string;
    slug: string;
    companyName: string;
    rank: number;
    score: number;
    confidence: number;
    components: Components;
    reasons: string[];
    pcrScore: number | null;
    isPrimary: boolean;
    leadId: string | null;
  }[];
}

/** Runs of one contractor, newest first (keyset on created_at, id). */
export async function listMatches(
  deps: MatchingDeps,
  input: { contractorId: string; limit: number; before?: Date | undefined },
): Promise<{ items: MatchView[]; nextBefore: Date | null }> {
  const runs = await deps.db.matchRun.findMany({
    where: { contractorId: input.contractorId, ...(input.before ? { createdAt: { lt: input.before } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    include: { results: { orderBy: { rank: "asc" } } },
  });
  const page = runs.slice(0, input.limit);
  const names = await partnerNames(
    deps,
    page.flatMap((run) => run.results.map((result) => result.partnerId)),
  );
  return {
    items: page.map((run) => toView(run, names)),
    nextBefore: runs.length > input.limit ? (page.at(-1)?.createdAt ?? null) : null,
  };
}

/** One run; `contractorId` limits it to that contractor's runs (undefined for admins). */
export async function getMatch(
  deps: MatchingDeps,
  input: { matchId: string; contractorId?: string | undefined },
): Promise<MatchView> {
  const run = await deps.db.matchRun.findUnique({
    where: { id: input.matchId },
    include: { results: { orderBy: { rank: "asc" } } },
  });
  if (!run || (input.contractorId !== undefined && run.contractorId !== input.contractorId)) {
    throw new NotFoundError("The match");
  }
  return toView(
    run,
    await partnerNames(
      deps,
      run.results.map((result) => result.partnerId),
    ),
  );
}

type Run = Awaited<ReturnType<MatchingDeps["db"]["matchRun"]["findFirstOrThrow"]>> & {
  results: Awaited<ReturnType<MatchingDeps["db"]["matchResult"]["findFirstOrThrow"]>>[];
};

async function partnerNames(deps: MatchingDeps, ids: string[]) {
  const rows = await deps.db.matchPartner.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, slug: true, companyName: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

function toView(run: Run, names: Map<string, { slug: string; companyName: string }>): MatchView {
  return {
    matchId: run.id,
    contractorId: run.contractorId,
    algorithmVersion: run.algorithmVersion,
    trigger: run.trigger,
    primaryPartnerId: run.primaryPartnerId,
    eligibleCount: run.eligibleCount,
    createdAt: run.createdAt,
    candidates: run.results.map((result) => ({
      partnerId: result.partnerId,
      slug: names.get(result.partnerId)?.slug ?? "",
      companyName: names.get(result.partnerId)?.companyName ?? "",
      rank: result.rank,
      score: result.score,
      confidence: result.confidence,
      components: result.components as unknown as Components,
      reasons: result.reasons,
      pcrScore: result.pcrScore,
      isPrimary: result.isPrimary,
      leadId: result.leadId,
    })),
  };
}
