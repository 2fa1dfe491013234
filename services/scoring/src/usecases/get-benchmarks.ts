import { NotFoundError } from "@tpx/service-kit";
import type { Db } from "../db.ts";
import { round2 } from "../domain/rounding.ts";
import { type PeerStatistics, peerStatistics, standingsOf } from "../repositories/ranking.repository.ts";

const rounded = (stats: PeerStatistics) => ({
  peers: stats.peers,
  average: stats.average === null ? null : round2(stats.average),
  median: stats.median === null ? null : round2(stats.median),
  topQuartile: stats.topQuartile === null ? null : round2(stats.topQuartile),
});

/** The partner's PCR against active, scored peers: overall and in each of its focus areas. */
export async function getBenchmarks(db: Db, partnerId: string) {
  const partner = await db.partner.findUnique({ where: { id: partnerId } });
  if (!partner) throw new NotFoundError("The partner");
  const ranked = partner.status === "ACTIVE" && partner.pcrStatus === "scored" && partner.score !== null;
  const standings = ranked ? await standingsOf(db, partner.score as number, partner.focusAreas) : null;
  const areas = await Promise.all(
    partner.focusAreas.map(async (focusArea) => ({
      focusArea,
      ...rounded(await peerStatistics(db, focusArea)),
      standing: standings?.byFocusArea.find((entry) => entry.focusArea === focusArea) ?? null,
    })),
  );
  return {
    score: partner.score,
    ranked,
    overall: { ...rounded(await peerStatistics(db, undefined)), standing: standings?.overall ?? null },
    focusAreas: areas,
  };
}
