import { ConflictError, ValidationError } from "@tpx/service-kit";
import type { Db, Tx } from "../db.ts";
import { type Audience, checkQuestions, type Question } from "../domain/questions.ts";
import { loadTemplate, type TemplateView } from "../repositories/template.repository.ts";

function assertQuestions(questions: Question[]): void {
  const problems = checkQuestions(questions);
  if (problems.length > 0) throw new ValidationError(problems);
}

async function makeDefault(tx: Tx, id: string, audience: Audience): Promise<void> {
  await tx.surveyTemplate.updateMany({ where: { audience, isDefault: true, NOT: { id } }, data: { isDefault: false } });
  await tx.surveyTemplate.update({ where: { id }, data: { isDefault: true } });
}

/** A new template at version 1; `isDefault` makes new campaigns for its audience use it. */
export async function createTemplate(
  db: Db,
  input: { audience: Audience; name: string; questions: Question[]; isDefault?: boolean | undefined },
): Promise<TemplateView> {
  assertQuestions(input.questions);
  return db.$transaction(async (tx) => {
    const template = await tx.surveyTemplate.create({
      data: {
        audience: input.audience,
        name: input.name,
        versions: { create: { version: 1, questions: input.questions as object[] } },
      },
    });
    if (input.isDefault) await makeDefault(tx, template.id, input.audience);
    return loadTemplate(tx, template.id);
  });
}

/**
 * Renames, changes questions or makes default. New questions are a new version: campaigns that pinned an older
 * version keep asking (and validating) exactly what they asked.
 */
export async function updateTemplate(
  db: Db,
  id: string,
  input: { name?: string | undefined; questions?: Question[] | undefined; isDefault?: boolean | undefined },
): Promise<TemplateView> {
  if (input.questions) assertQuestions(input.questions);
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRawUnsafe<{ current_version: number; archived: boolean; audience: Audience }[]>(
      `SELECT current_version, archived_at IS NOT NULL AS archived, audience::text AS audience
       FROM survey_template WHERE id = $1::uuid FOR UPDATE`,
      id,
    );
    if (!locked) return loadTemplate(tx, id);
    if (locked.archived) throw new ConflictError("TEMPLATE_ARCHIVED", "An archived template cannot be changed.");
    if (input.isDefault === false) {
      throw new ValidationError([{ field: "isDefault", message: "make another template the default instead" }]);
    }
    if (input.questions) {
      const version = locked.current_version + 1;
      await tx.surveyTemplateVersion.create({
        data: { templateId: id, version, questions: input.questions as object[] },
      });
      await tx.surveyTemplate.update({ where: { id }, data: { currentVersion: version } });
    }
    if (input.name) await tx.surveyTemplate.update({ where: { id }, data: { name: input.name } });
    if (input.isDefault) await makeDefault(tx, id, locked.audience);
    return loadTemplate(tx, id);
  });
}

/** Archived templates stay readable (campaigns point at them) but are no longer offered; the default cannot go. */
export async function archiveTemplate(db: Db, id: string, now = new Date()): Promise<void> {
  const template = await loadTemplate(db, id);
  if (template.isDefault) {
    throw new ConflictError("TEMPLATE_IS_DEFAULT", "Make another template the default before archiving this one.");
  }
  await db.surveyTemplate.updateMany({ where: { id, archivedAt: null }, data: { archivedAt: now } });
}
