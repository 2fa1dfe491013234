import { AudienceSchema } from "../../gen/tpx/events/v1/common_pb.ts";
import {
  type Answer,
  QuestionType,
  QuestionTypeSchema,
  ResponseRecordedSchema,
} from "../../gen/tpx/events/v1/survey_pb.ts";
import { defineEvent } from "../define-event.ts";
import type { PayloadCheck } from "../payload-check.ts";

/** NPS is asked on the 0 to 10 "how likely are you to recommend" scale, nothing else. */
const NPS_SCALE = { min: 0, max: 10 } as const;

function checkRating(check: PayloadCheck, at: string, answer: Answer): void {
  const { numericValue, scaleMin, scaleMax } = answer;
  if (numericValue === undefined) check.fail(`${at}.numericValue is required for a rated answer`);
  if (scaleMin === undefined || scaleMax === undefined) {
    check.fail(`${at}.scaleMin and ${at}.scaleMax are required for a rated answer`);
    return;
  }
  if (scaleMin >= scaleMax) check.fail(`${at}.scaleMin must be below ${at}.scaleMax`);
  else if (numericValue !== undefined) check.range(`${at}.numericValue`, numericValue, scaleMin, scaleMax);
  if (answer.type === QuestionType.NPS && (scaleMin !== NPS_SCALE.min || scaleMax !== NPS_SCALE.max)) {
    check.fail(`${at} is an NPS answer and must use the ${NPS_SCALE.min} to ${NPS_SCALE.max} scale`);
  }
}

function checkAnswer(check: PayloadCheck, at: string, answer: Answer): void {
  check.required(`${at}.questionId`, answer.questionId);
  check.required(`${at}.category`, answer.category);
  check.enumValue(`${at}.type`, answer.type, QuestionTypeSchema);
  check.optional(`${at}.textValue`, answer.textValue);
  switch (answer.type) {
    case QuestionType.RATING:
    case QuestionType.NPS:
      checkRating(check, at, answer);
      break;
    case QuestionType.TEXT:
      if (answer.textValue === undefined) check.fail(`${at}.textValue is required for a text answer`);
      break;
    case QuestionType.BOOLEAN:
      if (answer.booleanValue === undefined) check.fail(`${at}.booleanValue is required for a yes/no answer`);
      break;
  }
}

/** Anonymous by design (SPEC §4 step 4): the payload has no field that identifies the recipient. */
export const responseRecordedV1 = defineEvent({
  type: "response.recorded",
  version: 1,
  producer: "survey",
  description: "A recipient submitted a PowerCard response (anonymous: no recipient identity).",
  schema: ResponseRecordedSchema,
  check(data, check) {
    check.required("responseId", data.responseId);
    check.required("campaignId", data.campaignId);
    check.required("partnerId", data.partnerId);
    check.quarter("quarter", data.quarter);
    check.enumValue("audience", data.audience, AudienceSchema);
    check.required("templateId", data.templateId);
    check.atLeast("templateVersion", data.templateVersion, 1);
    if (data.answers.length === 0) check.fail("answers needs at least 1 entry");
    data.answers.forEach((answer, index) => {
      checkAnswer(check, `answers[${index}]`, answer);
    });
    check.unique(
      "answers.questionId",
      data.answers.map((answer) => answer.questionId),
    );
    check.optional("comment", data.comment);
    check.timestamp("submittedAt", data.submittedAt);
  },
});
