/**
 * PowerCard questions and the answers they accept. Pure: used by the admin template routes (is this a valid
 * question list?) and by the submit use case (is this a valid answer set for the pinned template version?).
 */
export const QUESTION_TYPES = ["scale_0_10", "scale_1_5", "nps", "text", "yes_no"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const AUDIENCES = ["CUSTOMER", "EMPLOYEE"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Longest free-text answer or comment we store (a question may set a lower limit). */
export const MAX_TEXT_LENGTH = 2000;

export interface Question {
  id: string;
  text: string;
  type: QuestionType;
  /** Analytics category, e.g. "communication", "value", "results", "support". */
  category: string;
  required: boolean;
  /** Only for text questions; defaults to MAX_TEXT_LENGTH. */
  maxLength?: number;
}

/** The numeric range of a rated question, as `response.recorded` carries it. */
export function scaleOf(type: QuestionType): { min: number; max: number } | undefined {
  if (type === "scale_0_10" || type === "nps") return { min: 0, max: 10 };
  if (type === "scale_1_5") return { min: 1, max: 5 };
  return undefined;
}

export type AnswerValue = number | string | boolean;

/** A checked answer, in template order. */
export interface CheckedAnswer {
  question: Question;
  value: AnswerValue;
}

export interface FieldProblem {
  field: string;
  message: string;
}

function checkOne(question: Question, value: unknown): string | undefined {
  const scale = scaleOf(question.type);
  if (scale) {
    if (typeof value !== "number" || !Number.isInteger(value)) return "must be a whole number";
    if (value < scale.min || value > scale.max) return `must be between ${scale.min} and ${scale.max}`;
    return undefined;
  }
  if (question.type === "yes_no") return typeof value === "boolean" ? undefined : "must be yes or no";
  if (typeof value !== "string") return "must be text";
  const limit = question.maxLength ?? MAX_TEXT_LENGTH;
  if (value.length > limit) return `must be at most ${limit} characters`;
  return undefined;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * Checks answers (question id → value) against a template version: every required question answered, no unknown
 * question ids, each value of the right type and inside its range or length. Blank optional answers are dropped.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: Record<string, unknown>,
): { answers: CheckedAnswer[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const known = new Set(questions.map((question) => question.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ field: `answers.${id}`, message: "is not a question of this survey" });
  }
  const checked: CheckedAnswer[] = [];
  for (const question of questions) {
    const value = answers[question.id];
    if (isBlank(value)) {
      if (question.required) problems.push({ field: `answers.${question.id}`, message: "is required" });
      continue;
    }
    const problem = checkOne(question, value);
    if (problem) problems.push({ field: `answers.${question.id}`, message: problem });
    else checked.push({ question, value: typeof value === "string" ? value.trim() : (value as AnswerValue) });
  }
  if (checked.length === 0 && problems.length === 0) {
    problems.push({ field: "answers", message: "needs at least one answer" });
  }
  return { answers: checked, problems };
}

/** Problems of a question list an admin wants to save as a template version. */
export function checkQuestions(questions: readonly Question[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((question, index) => {
    if (seen.has(question.id)) problems.push({ field: `questions.${index}.id`, message: "is used twice" });
    seen.add(question.id);
    if (question.maxLength !== undefined && question.type !== "text") {
      problems.push({ field: `questions.${index}.maxLength`, message: "is only allowed on text questions" });
    }
  });
  if (!questions.some((question) => scaleOf(question.type) && question.required)) {
    problems.push({ field: "questions", message: "needs at least one required rated question (it feeds the PCR)" });
  }
  return problems;
}
