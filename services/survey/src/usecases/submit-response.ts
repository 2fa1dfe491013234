import { randomUUID } from "node:crypto";
import { ValidationError } from "@tpx/service-kit";
import type { Tx } from "../db.ts";
import type { SurveyDeps } from "../deps.ts";
import { checkAnswers, MAX_TEXT_LENGTH } from "../domain/questions.ts";
import {
  assertAnswerable,
  findSurveyByToken,
  type OpenSurvey,
  SurveyAlreadyAnswered,
} from "../repositories/survey-link.repository.ts";
import { announceResponse, countTowardsThreshold } from "./record-response-events.ts";

export interface SubmitInput {
  token: string;
  /** Chosen by the client per submit attempt; a retry with the same id returns the first result. */
  submissionId: string;
  answers: Record<string, unknown>;
  comment?: string | undefined;
  consentToPublish?: boolean | undefined;
}

export interface SubmitResult {
  responseId: string;
  submittedAt: Date;
  /** True when this call recorded the response, false when it replayed an earlier identical submit. */
  created: boolean;
}

async function replay(tx: Tx | SurveyDeps["db"], recipientId: string): Promise<SubmitResult> {
  const response = await tx.response.findUniqueOrThrow({ where: { recipientId } });
  return { responseId: response.id, submittedAt: response.submittedAt, created: false };
}

function checkSubmission(survey: OpenSurvey, input: SubmitInput) {
  const { answers, problems } = checkAnswers(survey.template.questions, input.answers);
  const comment = input.comment?.trim() || undefined;
  if (comment && comment.length > MAX_TEXT_LENGTH) {
    problems.push({ field: "comment", message: `must be at most ${MAX_TEXT_LENGTH} characters` });
  }
  if (problems.length > 0) throw new ValidationError(problems, "Some answers are missing or not valid.");
  return { answers, comment };
}

/**
 * Records a response. The link is used up by one conditional UPDATE in the same transaction as the response insert,
 * so of any number of simultaneous submits exactly one wins; the unique recipient_id on `response` backs this up.
 * Invalid answers are refused before anything is written.
 */
export async function submitResponse(deps: SurveyDeps, input: SubmitInput, now = new Date()): Promise<SubmitResult> {
  const survey = await findSurveyByToken(deps.db, input.token);
  if (survey.usedAt && survey.submissionId === input.submissionId) return replay(deps.db, survey.recipientId);
  assertAnswerable(survey, now);
  const { answers, comment } = checkSubmission(survey, input);

  return deps.db.$transaction(async (tx) => {
    const claimed = await tx.$executeRawUnsafe(
      `UPDATE recipient SET used_at = $2, submission_id = $3::uuid
       WHERE id = $1::uuid AND used_at IS NULL AND expires_at > $2`,
      survey.recipientId,
      now,
      input.submissionId,
    );
    if (claimed === 0) {
      // Someone else won the race (or retried with our submission id and committed first).
      const current = await tx.recipient.findUniqueOrThrow({ where: { id: survey.recipientId } });
      if (current.usedAt && current.submissionId === input.submissionId) return replay(tx, survey.recipientId);
      throw new SurveyAlreadyAnswered();
    }
    const responseId = randomUUID();
    const consentToPublish = Boolean(input.consentToPublish && comment);
    const recorded = await announceResponse(tx, deps, { survey, responseId, answers, comment, consentToPublish, now });
    await tx.response.create({
      data: {
        id: responseId,
        campaignId: survey.campaign.id,
        recipientId: survey.recipientId,
        partnerId: survey.campaign.partnerId,
        quarter: survey.campaign.quarter,
        audience: survey.audience,
        templateId: survey.template.id,
        templateVersion: survey.template.version,
        answers: recorded.answers as object[],
        comment: comment ?? null,
        consentToPublish,
        submittedAt: now,
      },
    });
    await tx.campaign.update({ where: { id: survey.campaign.id }, data: { responseCount: { increment: 1 } } });
    await countTowardsThreshold(tx, deps, survey.campaign, now);
    return { responseId, submittedAt: now, created: true };
  });
}
