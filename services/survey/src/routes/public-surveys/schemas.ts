import { Type } from "@sinclair/typebox";
import { MAX_TEXT_LENGTH } from "../../domain/questions.ts";
import { Audience, DateTime } from "../common-schemas.ts";
import { QuestionSchema } from "../templates/schemas.ts";

/** The token's format is checked by the use case, so a malformed token gets the same 404 as an unknown one. */
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

export const SurveyResponse = Type.Object({
  partnerName: Type.String(),
  audience: Audience,
  quarter: Type.String(),
  expiresAt: DateTime,
  template: Type.Object({ id: Type.String(), version: Type.Integer(), questions: Type.Array(QuestionSchema) }),
});

export const SubmitBody = Type.Object(
  {
    submissionId: Type.String({ format: "uuid" }),
    /**
     * Question id → answer: a whole number for scales and NPS, text, or true/false for yes/no. Values are typed by
     * the answer check against the pinned template, not here: the server's type coercion would turn `true` into 1.
     */
    answers: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { maxProperties: 60 }),
    comment: Type.Optional(Type.String({ maxLength: MAX_TEXT_LENGTH * 2 })),
    consentToPublish: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SubmitResponse = Type.Object({ responseId: Type.String(), submittedAt: DateTime });
