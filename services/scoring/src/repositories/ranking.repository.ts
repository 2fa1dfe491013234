import type { Db, Tx } from "../db.ts";

export interface Standing {
  /** 1 for the highest PCR; ties share a rank. */
  rank: number;
  /** Active, scored partners compared. */
  of: number;
  /** Share of the other partners with a lower PCR, 0 to 100 (100 when alone). */
  percentile: number;
}

export interface PeerStatistics {
  peers: number;
  average: number | null;
  median: number | null;
  topQuartile: number | null;
}

type Reader = Db | Tx;

const RANKED = "status = 'ACTIVE' AND pcr_status = 'scored'";

function standing(row: { higher: bigint; lower: bigint; total: bigint }): Standing {
  const of = Number(row.total);
  return {
    rank: Number(row.higher) + 1,
    of,
    percentile: of > 1 ? (Number(row.lower) / (of - 1)) * 100 : 100,
  };
}

/**
 * Rank and percentile of an active, scored partner's score among active, scored partners, overall and per focus
 * area. Computed when asked, from the current scores, so a rank never goes stale when another partner's score moves.
 */
export async function standingsOf(
  db: Reader,
  score: number,
  focusAreas: readonly string[],
): Promise<{ overall: Standing; byFocusArea: ({ focusArea: string } & Standing)[] }> {
  const [overall] = await db.$queryRawUnsafe<{ higher: bigint; lower: bigint; total: bigint }[]>(
    `SELECT count(*) FILTER (WHERE score > $1) AS higher, count(*) FILTER (WHERE score < $1) AS lower,
            count(*) AS total
       FROM partner WHERE ${RANKED}`,
    score,
  );
  const areas = await db.$queryRawUnsafe<{ focus_area: string; higher: bigint; lower: bigint; total: bigint }[]>(
    `SELECT area AS focus_area, count(p.id) FILTER (WHERE p.score > $1) AS higher,
            count(p.id) FILTER (WHERE p.score < $1) AS lower,
            count(p.id) AS total
       FROM unnest($2::text[]) AS area
       LEFT JOIN partner p ON area = ANY(p.focus_areas) AND p.status = 'ACTIVE' AND p.pcr_status = 'scored'
      GROUP BY area ORDER BY area`,
    score,
    [...focusAreas],
  );
  return {
    overall: standing(overall ?? { higher: 0n, lower: 0n, total: 0n }),
    byFocusArea: areas.map((row) => ({ focusArea: row.focus_area, ...standing(row) })),
  };
}

/** Average, median and top-quartile PCR of active, scored partners (in one focus area when given). */
export async function peerStatistics(db: Reader, focusArea: string | undefined): Promise<PeerStatistics> {
  const [row] = await db.$queryRawUnsafe<
    { peers: bigint; average: number | null; median: number | null; top_quartile: number | null }[]
  >(
    `SELECT count(*) AS peers, avg(score) AS average,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS median,
            percentile_cont(0.75) WITHIN GROUP (ORDER BY score) AS top_quartile
       FROM partner WHERE ${RANKED} AND ($1::text IS NULL OR $1 = ANY(focus_areas))`,
    focusArea ?? null,
  );
  return {
    peers: Number(row?.peers ?? 0),
    average: row?.average ?? null,
    median: row?.median ?? null,
    topQuartile: row?.top_quartile ?? null,
  };
}
