// wink-sentiment ships no types; only what scoring uses is declared.
declare module "wink-sentiment" {
  interface WinkSentimentResult {
    score: number;
    normalizedScore: number;
  }
  export default function analyse(phrase: string): WinkSentimentResult;
}
