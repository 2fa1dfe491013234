import { clamp } from "./rounding.ts";

const Z_975 = 1.959964;

export interface NpsSummary {
  respondents: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Promoters (9–10) minus detractors (0–6), in percent of respondents: −100 to 100. */
  nps: number;
  /** Adjusted-Wald 95% interval of the NPS (Sauro & Lewis): ¾ of a promoter and a detractor added, n + 3. */
  low: number;
  high: number;
}

export function npsSummary(values: readonly number[]): NpsSummary | undefined {
  const respondents = values.length;
  if (respondents === 0) return undefined;
  const promoters = values.filter((value) => value >= 9).length;
  const detractors = values.filter((value) => value <= 6).length;
  const adjustedN = respondents + 3;
  const pro = (promoters + 0.75) / adjustedN;
  const det = (detractors + 0.75) / adjustedN;
  const adjusted = pro - det;
  const margin = Z_975 * Math.sqrt((pro + det - adjusted ** 2) / adjustedN);
  return {
    respondents,
    promoters,
    passives: respondents - promoters - detractors,
    detractors,
    nps: ((promoters - detractors) / respondents) * 100,
    low: clamp((adjusted - margin) * 100, -100, 100),
    high: clamp((adjusted + margin) * 100, -100, 100),
  };
}
