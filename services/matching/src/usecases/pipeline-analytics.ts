import type { MatchingDeps } from "../deps.ts";
import { LEAD_STAGES, type LeadStageName } from "../domain/lead-pipeline.ts";

export interface PipelineAnalytics {
  partnerId: string;
  totalLeads: number;
  openLeads: number;
  won: number;
  lost: number;
  /** won / (won + lost); null until a lead closes. */
  conversionRate: number | null;
  /** won / all leads. */
  winRate: number | null;
  openValue: number;
  wonValue: number;
  /** Mean days from lead creation to won; null without a win. */
  averageDaysToWin: number | null;
  stages: {
    stage: LeadStageName;
    /** Leads in this stage now. */
    current: number;
    /** Leads that ever reached this stage. */
    reached: number;
    /** Mean days a lead spends in the stage (an open visit counts up to now); null when none reached it. */
    averageDaysInStage: number | null;
  }[];
}

const DAY_SECONDS = 86_400;

/** Conversion tracking for one partner's pipeline, from the leads and their stage visits. */
export async function pipelineAnalytics(deps: MatchingDeps, partnerId: string): Promise<PipelineAnalytics> {
  const [totals] = await deps.db.$queryRawUnsafe<
    { total: number; won: number; lost: number; open_value: number; won_value: number; days_to_win: number | null }[]
  >(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE status = 'won')::int AS won,
            count(*) FILTER (WHERE status = 'lost')::int AS lost,
            coalesce(sum(value) FILTER (WHERE status NOT IN ('won', 'lost')), 0)::float8 AS open_value,
            coalesce(sum(value) FILTER (WHERE status = 'won'), 0)::float8 AS won_value,
            (avg(extract(epoch FROM closed_at - created_at)) FILTER (WHERE status = 'won'))::float8 AS days_to_win
       FROM lead WHERE partner_id = $1::uuid`,
    partnerId,
  );
  const stageRows = await deps.db.$queryRawUnsafe<
    { stage: LeadStageName; current: number; reached: number; seconds: number | null }[]
  >(
    `SELECT s.stage::text AS stage,
            (SELECT count(*) FROM lead l WHERE l.partner_id = $1::uuid AND l.status = s.stage)::int AS current,
            count(DISTINCT v.lead_id)::int AS reached,
            (avg(extract(epoch FROM coalesce(v.left_at, now()) - v.entered_at)))::float8 AS seconds
       FROM unnest(enum_range(NULL::lead_stage)) AS s(stage)
       LEFT JOIN lead_stage_visit v ON v.partner_id = $1::uuid AND v.stage = s.stage
      GROUP BY s.stage`,
    partnerId,
  );
  const byStage = new Map(stageRows.map((row) => [row.stage, row]));
  const t = totals ?? { total: 0, won: 0, lost: 0, open_value: 0, won_value: 0, days_to_win: null };
  const closed = t.won + t.lost;
  return {
    partnerId,
    totalLeads: t.total,
    openLeads: t.total - closed,
    won: t.won,
    lost: t.lost,
    conversionRate: closed > 0 ? round(t.won / closed) : null,
    winRate: t.total > 0 ? round(t.won / t.total) : null,
    openValue: t.open_value,
    wonValue: t.won_value,
    averageDaysToWin: t.days_to_win === null ? null : round(t.days_to_win / DAY_SECONDS),
    stages: LEAD_STAGES.map((stage) => {
      const row = byStage.get(stage);
      const terminal = stage === "won" || stage === "lost";
      return {
        stage,
        current: row?.current ?? 0,
        reached: row?.reached ?? 0,
        // Won and lost are where a lead ends, not a stage it waits in.
        averageDaysInStage:
          terminal || row?.seconds === null || row?.seconds === undefined ? null : round(row.seconds / DAY_SECONDS),
      };
    }),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
