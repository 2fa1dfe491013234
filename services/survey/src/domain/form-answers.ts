import type { AnswerValue, Question } from "./questions.ts";

/**
 * Turns the fields of the HTML form (all strings, `q_<questionId>`) into typed answers. A value that does not
 * parse is passed on unchanged so the answer check reports it with the same message as for JSON clients.
 */
export function answersFromForm(
  questions: readonly Question[],
  form: Record<string, string | undefined>,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const question of questions) {
    const raw = form[`q_${question.id}`];
    if (raw === undefined || raw.trim() === "") continue;
    if (question.type === "yes_no") {
      answers[question.id] = raw === "yes" ? true : raw === "no" ? false : raw;
    } else if (question.type === "text") {
      answers[question.id] = raw;
    } else {
      answers[question.id] = /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    }
  }
  return answers;
}
