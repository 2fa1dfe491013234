import type { SurveyDeps } from "../deps.ts";
import { findSurveyByToken } from "../repositories/survey-link.repository.ts";

/**
 * The recipient asks for no more PowerCards about this partner: the reference is marked, so reminders stop and
 * later campaigns skip it. Works with any of the recipient's links, used or not, until the campaign is deleted.
 */
export async function optOut(deps: Pick<SurveyDeps, "db">, token: string, now = new Date()): Promise<void> {
  const survey = await findSurveyByToken(deps.db, token);
  await deps.db.partnerReference.updateMany({
    where: { id: survey.referenceId, optedOutAt: null },
    data: { optedOutAt: now },
  });
}
