import { compareQuarters } from "./quarter.ts";

/** The rated responses of one quarter (each a response's mean answer on 0–100). */
export interface QuarterScores {
  quarter: string;
  scores: readonly number[];
}

export type WindowChoice =
  | { kind: "pending"; quarter: string; have: number; need: number }
  | { kind: "qualified"; window: QuarterScores; previous: QuarterScores | undefined }
  | { kind: "empty" };

/**
 * The window is the latest quarter that reached `need` responses; momentum compares it with the qualifying quarter
 * before it. Without a qualifying quarter the PCR is pending, counted in the latest quarter collecting responses.
 */
export function chooseWindow(quarters: readonly QuarterScores[], need: number): WindowChoice {
  const ordered = quarters.filter((q) => q.scores.length > 0).sort((a, b) => compareQuarters(b.quarter, a.quarter));
  const qualifying = ordered.filter((q) => q.scores.length >= need);
  const [window, previous] = qualifying;
  if (window) return { kind: "qualified", window, previous };
  const collecting = ordered[0];
  if (!collecting) return { kind: "empty" };
  return { kind: "pending", quarter: collecting.quarter, have: collecting.scores.length, need };
}

/** Qualifying quarters oldest first, each with the one before it, for momentum per quarter. */
export function qualifyingPairs(
  quarters: readonly QuarterScores[],
  need: number,
): { quarter: QuarterScores; previous: QuarterScores | undefined }[] {
  const qualifying = quarters
    .filter((q) => q.scores.length >= need)
    .sort((a, b) => compareQuarters(a.quarter, b.quarter));
  return qualifying.map((quarter, index) => ({ quarter, previous: qualifying[index - 1] }));
}
