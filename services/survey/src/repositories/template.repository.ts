import { NotFoundError } from "@tpx/service-kit";
import type { Db, Tx } from "../db.ts";
import type { Audience, Question } from "../domain/questions.ts";

export interface TemplateView {
  id: string;
  audience: Audience;
  name: string;
  isDefault: boolean;
  currentVersion: number;
  versions: number[];
  questions: Question[];
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

/** A template with the questions of its current version (or of `version` when asked). */
export async function loadTemplate(db: Db | Tx, id: string, version?: number): Promise<TemplateView> {
  const template = await db.surveyTemplate.findUnique({
    where: { id },
    include: { versions: { orderBy: { version: "asc" } } },
  });
  if (!template) throw new NotFoundError("The template");
  const wanted = version ?? template.currentVersion;
  const shown = template.versions.find((row) => row.version === wanted);
  if (!shown) throw new NotFoundError(`Version ${wanted} of the template`);
  return {
    id: template.id,
    audience: template.audience,
    name: template.name,
    isDefault: template.isDefault,
    currentVersion: template.currentVersion,
    versions: template.versions.map((row) => row.version),
    questions: shown.questions as unknown as Question[],
    createdAt: template.createdAt,
    updatedAt: template.updatedAt,
    archivedAt: template.archivedAt,
  };
}

export async function listTemplates(
  db: Db,
  filter: { audience?: Audience | undefined; includeArchived?: boolean | undefined },
): Promise<TemplateView[]> {
  const rows = await db.surveyTemplate.findMany({
    where: {
      ...(filter.audience ? { audience: filter.audience } : {}),
      ...(filter.includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: [{ audience: "asc" }, { createdAt: "asc" }],
    select: { id: true },
  });
  return Promise.all(rows.map((row) => loadTemplate(db, row.id)));
}
