import type { SurveyDeps } from "../deps.ts";
import type { Question } from "../domain/questions.ts";
import { assertAnswerable, findSurveyByToken } from "../repositories/survey-link.repository.ts";

export interface SurveyView {
  partnerName: string;
  audience: "CUSTOMER" | "EMPLOYEE";
  quarter: string;
  expiresAt: Date;
  template: { id: string; version: number; questions: Question[] };
}

/**
 * What a link shows: the partner's name and the pinned questions, nothing about the recipient. Reading never uses
 * the link up (mail scanners open links too); unknown, expired and used links are refused with their own problem.
 */
export async function getSurvey(deps: Pick<SurveyDeps, "db">, token: string, now = new Date()): Promise<SurveyView> {
  const survey = await findSurveyByToken(deps.db, token);
  assertAnswerable(survey, now);
  return {
    partnerName: survey.partnerName,
    audience: survey.audience,
    quarter: survey.campaign.quarter,
    expiresAt: survey.expiresAt,
    template: survey.template,
  };
}
