import {
  Audience as AudienceEnum,
  campaignThresholdReachedV1,
  QuestionType as QuestionTypeEnum,
  responseRecordedV1,
  timestampFromDate,
} from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { SurveyDeps } from "../deps.ts";
import { type CheckedAnswer, type QuestionType, scaleOf } from "../domain/questions.ts";
import type { OpenSurvey } from "../repositories/survey-link.repository.ts";

const TYPE_ON_WIRE: Record<QuestionType, QuestionTypeEnum> = {
  scale_0_10: QuestionTypeEnum.RATING,
  scale_1_5: QuestionTypeEnum.RATING,
  nps: QuestionTypeEnum.NPS,
  text: QuestionTypeEnum.TEXT,
  yes_no: QuestionTypeEnum.BOOLEAN,
};

function answerOnWire({ question, value }: CheckedAnswer) {
  const scale = scaleOf(question.type);
  return {
    questionId: question.id,
    category: question.category,
    type: TYPE_ON_WIRE[question.type],
    ...(scale ? { numericValue: value as number, scaleMin: scale.min, scaleMax: scale.max } : {}),
    ...(question.type === "text" ? { textValue: value as string } : {}),
    ...(question.type === "yes_no" ? { booleanValue: value as boolean } : {}),
  };
}

/**
 * `response.recorded`: built only from campaign, template and answers. The recipient, its reference and its token
 * are deliberately not in scope here, so no recipient identity can leave the service through this event.
 */
export async function announceResponse(
  tx: Tx,
  deps: Pick<SurveyDeps, "outbox">,
  input: {
    survey: Pick<OpenSurvey, "campaign" | "audience" | "template">;
    responseId: string;
    answers: CheckedAnswer[];
    comment: string | undefined;
    consentToPublish: boolean;
    now: Date;
  },
) {
  const { survey } = input;
  const answers = input.answers.map(answerOnWire);
  await deps.outbox.add(
    tx,
    responseRecordedV1,
    responseRecordedV1.create({
      responseId: input.responseId,
      campaignId: survey.campaign.id,
      partnerId: survey.campaign.partnerId,
      quarter: survey.campaign.quarter,
      audience: survey.audience === "CUSTOMER" ? AudienceEnum.CUSTOMER : AudienceEnum.EMPLOYEE,
      templateId: survey.template.id,
      templateVersion: survey.template.version,
      answers,
      consentToPublish: input.consentToPublish,
      ...(input.comment ? { comment: input.comment } : {}),
      submittedAt: timestampFromDate(input.now),
    }),
    { subject: survey.campaign.partnerId },
  );
  return { answers };
}

/**
 * Counts the response in the partner's quarter window. The upsert locks the window row, so concurrent responses
 * count one after another, and `threshold_reached_at` is set by exactly one of them: the event fires once.
 */
export async function countTowardsThreshold(
  tx: Tx,
  deps: Pick<SurveyDeps, "outbox" | "config">,
  campaign: OpenSurvey["campaign"],
  now: Date,
): Promise<void> {
  const threshold = deps.config.RESPONSE_THRESHOLD;
  const [window] = await tx.$queryRawUnsafe<{ response_count: number }[]>(
    `INSERT INTO response_window (partner_id, quarter, response_count) VALUES ($1::uuid, $2, 1)
     ON CONFLICT (partner_id, quarter) DO UPDATE SET response_count = response_window.response_count + 1
     RETURNING response_count`,
    campaign.partnerId,
    campaign.quarter,
  );
  if (!window || window.response_count < threshold) return;
  const reached = await tx.$executeRawUnsafe(
    `UPDATE response_window SET threshold_reached_at = $3
     WHERE partner_id = $1::uuid AND quarter = $2 AND threshold_reached_at IS NULL`,
    campaign.partnerId,
    campaign.quarter,
    now,
  );
  if (reached === 0) return;
  await deps.outbox.add(
    tx,
    campaignThresholdReachedV1,
    campaignThresholdReachedV1.create({
      campaignId: campaign.id,
      partnerId: campaign.partnerId,
      quarter: campaign.quarter,
      responseCount: window.response_count,
      threshold,
      reachedAt: timestampFromDate(now),
    }),
    { subject: campaign.partnerId },
  );
}
