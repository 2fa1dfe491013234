import { ConflictError } from "@tpx/service-kit";
import type { Db, Tx } from "../db.ts";
import { DEFAULT_TEMPLATES } from "../domain/default-templates.ts";
import type { Audience } from "../domain/questions.ts";

/** Creates the default templates once (fixed ids, so every replica may call this at start). */
export async function seedDefaultTemplates(db: Db): Promise<void> {
  for (const template of DEFAULT_TEMPLATES) {
    await db.$transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO survey_template (id, audience, name, is_default, current_version)
         SELECT $1::uuid, $2::"Audience", $3, NOT EXISTS (
           SELECT 1 FROM survey_template WHERE audience = $2::"Audience" AND is_default), 1
         ON CONFLICT (id) DO NOTHING`,
        template.id,
        template.audience,
        template.name,
      );
      if (inserted === 0) return;
      await tx.surveyTemplateVersion.create({
        data: { templateId: template.id, version: 1, questions: template.questions as object[] },
      });
    });
  }
}

export interface PinnedTemplate {
  id: string;
  version: number;
}

/** The template version a new campaign pins for each audience: the audience's default, at its current version. */
export async function pinDefaultTemplates(tx: Tx): Promise<Record<Audience, PinnedTemplate>> {
  const rows = await tx.surveyTemplate.findMany({ where: { isDefault: true, archivedAt: null } });
  const pick = (audience: Audience): PinnedTemplate => {
    const row = rows.find((template) => template.audience === audience);
    if (!row) throw new ConflictError("NO_DEFAULT_TEMPLATE", `There is no default ${audience.toLowerCase()} template.`);
    return { id: row.id, version: row.currentVersion };
  };
  return { CUSTOMER: pick("CUSTOMER"), EMPLOYEE: pick("EMPLOYEE") };
}
