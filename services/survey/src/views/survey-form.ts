import type { FieldProblem, Question } from "../domain/questions.ts";
import { MAX_TEXT_LENGTH, scaleOf } from "../domain/questions.ts";
import { html, type SafeHtml } from "./html.ts";
import { layout } from "./layout.ts";

export interface SurveyFormModel {
  token: string;
  partnerName: string;
  audience: "CUSTOMER" | "EMPLOYEE";
  expiresAt: Date;
  questions: Question[];
  submissionId: string;
  /** Values the respondent already entered (after a refused submit). */
  values: Record<string, string | undefined>;
  problems: FieldProblem[];
}

const fieldName = (question: Question) => `q_${question.id}`;

function errorFor(model: SurveyFormModel, question: Question): string | undefined {
  return model.problems.find((problem) => problem.field === `answers.${question.id}`)?.message;
}

function choice(question: Question, value: string, label: string, checked: boolean): SafeHtml {
  const id = `${fieldName(question)}_${value}`;
  return html`<label for="${id}"><input type="radio" id="${id}" name="${fieldName(question)}" value="${value}"${
    checked ? html` checked` : ""
  }${question.required ? html` required` : ""}>${label}</label>`;
}

function hintFor(question: Question): string | undefined {
  if (question.type === "nps") return "0 = not at all likely, 10 = extremely likely";
  if (question.type === "scale_0_10") return "0 = very poor, 10 = excellent";
  if (question.type === "scale_1_5") return "1 = very poor, 5 = excellent";
  return undefined;
}

function questionBlock(model: SurveyFormModel, question: Question): SafeHtml {
  const name = fieldName(question);
  const value = model.values[name];
  const error = errorFor(model, question);
  const describedBy = [hintFor(question) ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  const mark = question.required
    ? html` <span class="req">(required)</span>`
    : html` <span class="hint">(optional)</span>`;
  const errorLine = error ? html`<p class="error" id="${name}-error">${error}</p>` : "";
  const hint = hintFor(question);
  const hintLine = hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : "";
  if (question.type === "text") {
    return html`<div class="${error ? "has-error" : ""}">
<label class="question" for="${name}">${question.text}${mark}</label>${errorLine}
<textarea id="${name}" name="${name}" maxlength="${question.maxLength ?? MAX_TEXT_LENGTH}"${
      describedBy ? html` aria-describedby="${describedBy}"` : ""
    }${question.required ? html` required` : ""}>${value ?? ""}</textarea>
</div>`;
  }
  const scale = scaleOf(question.type);
  const options = scale
    ? Array.from({ length: scale.max - scale.min + 1 }, (_, index) => String(scale.min + index)).map((option) =>
        choice(question, option, option, value === option),
      )
    : [choice(question, "yes", "Yes", value === "yes"), choice(question, "no", "No", value === "no")];
  return html`<fieldset id="${name}" class="${error ? "has-error" : ""}"${
    describedBy ? html` aria-describedby="${describedBy}"` : ""
  }>
<legend>${question.text}${mark}</legend>${hintLine}${errorLine}
<div class="scale">${options}</div>
</fieldset>`;
}

function errorSummary(model: SurveyFormModel): SafeHtml | string {
  if (model.problems.length === 0) return "";
  const items = model.problems.map((problem) => {
    const question = model.questions.find((candidate) => `answers.${candidate.id}` === problem.field);
    const target = question ? fieldName(question) : problem.field === "comment" ? "comment" : "main";
    return html`<li><a href="#${target}">${question?.text ?? problem.field}: ${problem.message}</a></li>`;
  });
  return html`<div class="errors" role="alert" tabindex="-1"><h2>Please check your answers</h2><ul>${items}</ul></div>`;
}

/** The PowerCard as a plain HTML form: works without JavaScript, every control labelled, errors announced. */
export function surveyFormPage(model: SurveyFormModel): string {
  const who = model.audience === "CUSTOMER" ? "a customer" : "someone who works there";
  const until = model.expiresAt.toISOString().slice(0, 10);
  const consentChecked = model.values.consent === "yes";
  return layout(
    `PowerCard for ${model.partnerName}`,
    html`<h1>How is ${model.partnerName} doing?</h1>
<p>You were asked as ${who}. It takes about two minutes. Your answers are anonymous; ${model.partnerName} only
sees combined results. This link works once, until ${until}.</p>
${errorSummary(model)}
<form method="post" action="/s/${model.token}" novalidate>
<input type="hidden" name="submissionId" value="${model.submissionId}">
${model.questions.map((question) => questionBlock(model, question))}
<div>
<label class="question" for="comment">Anything else you want to say? <span class="hint">(optional)</span></label>
<textarea id="comment" name="comment" maxlength="${MAX_TEXT_LENGTH}">${model.values.comment ?? ""}</textarea>
<p class="check"><input type="checkbox" id="consent" name="consent" value="yes"${consentChecked ? html` checked` : ""}>
<label for="consent">${model.partnerName} may publish this comment as an anonymous testimonial.</label></p>
</div>
<button type="submit">Send my answers</button>
</form>
<footer>
<form method="post" action="/s/${model.token}/opt-out">
<button type="submit" class="link">Do not ask me about ${model.partnerName} again</button>
</form>
</footer>`,
  );
}
