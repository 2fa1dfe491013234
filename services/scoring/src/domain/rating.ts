import { mean } from "./rounding.ts";

/** Question kinds as scoring sees them; only RATING and NPS carry a number that counts towards feedback. */
export type AnswerKind = "rating" | "nps" | "text" | "boolean";

export interface AnswerInput {
  category: string;
  kind: AnswerKind;
  value?: number | undefined;
  scaleMin?: number | undefined;
  scaleMax?: number | undefined;
}

/**
 * Maps a rated answer linearly onto 0–100 (SPEC §4): (x − min) / (max − min) × 100. On a 0–10 scale that is x × 10,
 * on a 1–5 scale (x − 1) × 25, exactly the seed's rules, and any other scale the survey templates allow maps the
 * same way. Yes/no and free-text answers are not rated (the seed maps only rating scales) and return undefined.
 */
export function ratedValue(answer: AnswerInput): number | undefined {
  if (answer.kind !== "rating" && answer.kind !== "nps") return undefined;
  const { value, scaleMin, scaleMax } = answer;
  if (value === undefined || scaleMin === undefined || scaleMax === undefined || scaleMax <= scaleMin) {
    return undefined;
  }
  return ((value - scaleMin) / (scaleMax - scaleMin)) * 100;
}

export interface ResponseRating {
  /** Mean of the response's rated answers on 0–100; undefined when it has none (it then cannot count). */
  score: number | undefined;
  ratedAnswers: number;
  /** The first NPS answer on its own 0–10 scale, for the NPS statistics. */
  npsValue: number | undefined;
  /** Per category: mean of its rated answers on 0–100 and how many there were. */
  categories: { category: string; score: number; answers: number }[];
}

export function rateResponse(answers: readonly AnswerInput[]): ResponseRating {
  const rated: number[] = [];
  const byCategory = new Map<string, number[]>();
  let npsValue: number | undefined;
  for (const answer of answers) {
    const value = ratedValue(answer);
    if (value === undefined) continue;
    rated.push(value);
    byCategory.set(answer.category, [...(byCategory.get(answer.category) ?? []), value]);
    if (answer.kind === "nps" && npsValue === undefined) npsValue = answer.value;
  }
  return {
    score: rated.length > 0 ? mean(rated) : undefined,
    ratedAnswers: rated.length,
    npsValue,
    categories: [...byCategory].map(([category, values]) => ({
      category,
      score: mean(values),
      answers: values.length,
    })),
  };
}
