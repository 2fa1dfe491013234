import type { QuestionType } from "./tpx-client.ts";

export interface Question {
  id: string;
  type: QuestionType;
  required: boolean;
}

/**
 * A respondent who rates the partner at `level` (0 worst … 1 best) on every rated question: scales and NPS at that
 * point of their range, yes/no by whether it is at least 0.6. Free-text questions stay empty (the comment carries
 * the words). Whatever the template's version, the answers fit its questions, so scores follow the level.
 */
export function answersAt(questions: readonly Question[], level: number): Record<string, number | boolean> {
  const clamped = Math.min(1, Math.max(0, level));
  const answers: Record<string, number | boolean> = {};
  for (const question of questions) {
    switch (question.type) {
      case "scale_0_10":
      case "nps":
        answers[question.id] = Math.round(clamped * 10);
        break;
      case "scale_1_5":
        answers[question.id] = 1 + Math.round(clamped * 4);
        break;
      case "yes_no":
        answers[question.id] = clamped >= 0.6;
        break;
      case "text":
        break;
    }
  }
  return answers;
}
