import analyse from "wink-sentiment";

export type SentimentLabel = "positive" | "neutral" | "negative";

export interface Sentiment {
  /** wink-sentiment's normalized score (about −5 to 5; negation and emoticons handled). */
  score: number;
  label: SentimentLabel;
}

/** Scores below this magnitude read as neutral: one mildly coloured word does not make a comment positive. */
const NEUTRAL_BAND = 0.5;

export function sentimentOf(text: string): Sentiment {
  const score = analyse(text).normalizedScore;
  const label: SentimentLabel = score >= NEUTRAL_BAND ? "positive" : score <= -NEUTRAL_BAND ? "negative" : "neutral";
  return { score, label };
}
