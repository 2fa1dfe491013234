import { HttpProblem } from "@tpx/service-kit";
import type { Db, Tx } from "../db.ts";
import type { Question } from "../domain/questions.ts";
import { hashSurveyToken, TOKEN_PATTERN } from "../domain/survey-token.ts";
import { UNKNOWN_PARTNER_NAME } from "../usecases/create-campaign.ts";

/** A survey link resolved to what the recipient answers; nothing here identifies the recipient to the caller. */
export interface OpenSurvey {
  recipientId: string;
  referenceId: string;
  usedAt: Date | null;
  submissionId: string | null;
  expiresAt: Date;
  audience: "CUSTOMER" | "EMPLOYEE";
  campaign: { id: string; partnerId: string; quarter: string; state: "OPEN" | "CLOSED"; closesAt: Date };
  partnerName: string;
  template: { id: string; version: number; questions: Question[] };
}

export class SurveyLinkUnknown extends HttpProblem {
  constructor() {
    super(
      404,
      "SURVEY_LINK_UNKNOWN",
      "Not found",
      "This survey link does not exist; check that the whole link was copied.",
    );
  }
}

export class SurveyLinkExpired extends HttpProblem {
  constructor() {
    super(410, "SURVEY_LINK_EXPIRED", "Survey closed", "This survey link has expired; the survey is closed.");
  }
}

export class SurveyAlreadyAnswered extends HttpProblem {
  constructor() {
    super(409, "SURVEY_ALREADY_ANSWERED", "Already answered", "This survey link has already been used to answer.");
  }
}

/** Looks a token up by its hash; unknown or malformed tokens are the same 404 (no oracle for guessing). */
export async function findSurveyByToken(db: Db | Tx, token: string): Promise<OpenSurvey> {
  if (!TOKEN_PATTERN.test(token)) throw new SurveyLinkUnknown();
  const link = await db.surveyLink.findUnique({
    where: { tokenHash: hashSurveyToken(token) },
    include: { recipient: { include: { campaign: { include: { partner: true } } } } },
  });
  if (!link) throw new SurveyLinkUnknown();
  const { recipient } = link;
  const { campaign } = recipient;
  const templateId = recipient.audience === "CUSTOMER" ? campaign.customerTemplateId : campaign.employeeTemplateId;
  const version =
    recipient.audience === "CUSTOMER" ? campaign.customerTemplateVersion : campaign.employeeTemplateVersion;
  const pinned = await db.surveyTemplateVersion.findUniqueOrThrow({
    where: { templateId_version: { templateId, version } },
  });
  return {
    recipientId: recipient.id,
    referenceId: recipient.referenceId,
    usedAt: recipient.usedAt,
    submissionId: recipient.submissionId,
    expiresAt: recipient.expiresAt,
    audience: recipient.audience,
    campaign: {
      id: campaign.id,
      partnerId: campaign.partnerId,
      quarter: campaign.quarter,
      state: campaign.state,
      closesAt: campaign.closesAt,
    },
    partnerName: campaign.partner.companyName ?? UNKNOWN_PARTNER_NAME,
    template: { id: templateId, version, questions: pinned.questions as unknown as Question[] },
  };
}

/** Expired and used links are refused with their own clear problem. */
export function assertAnswerable(survey: OpenSurvey, now: Date): void {
  if (survey.usedAt) throw new SurveyAlreadyAnswered();
  if (survey.expiresAt <= now || survey.campaign.state === "CLOSED") throw new SurveyLinkExpired();
}
