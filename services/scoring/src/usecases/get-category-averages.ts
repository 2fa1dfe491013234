import { NotFoundError } from "@tpx/service-kit";
import type { Db } from "../db.ts";
import { compareQuarters } from "../domain/quarter.ts";
import { round2 } from "../domain/rounding.ts";

/**
 * Average of each question category per quarter and audience (customers and employees apart), on 0–100: the mean
 * over responses of each response's category mean.
 */
export async function getCategoryAverages(
  db: Db,
  partnerId: string,
  filter: { quarter?: string | undefined; audience?: string | undefined },
) {
  const partner = await db.partner.findUnique({ where: { id: partnerId }, select: { id: true } });
  if (!partner) throw new NotFoundError("The partner");
  const groups = await db.categoryScore.groupBy({
    by: ["quarter", "audience", "category"],
    where: {
      partnerId,
      ...(filter.quarter ? { quarter: filter.quarter } : {}),
      ...(filter.audience ? { audience: filter.audience } : {}),
    },
    _avg: { score: true },
    _count: { responseId: true },
    _sum: { answers: true },
  });
  return {
    items: groups
      .map((group) => ({
        quarter: group.quarter,
        audience: group.audience,
        category: group.category,
        average: round2(group._avg.score ?? 0),
        responses: group._count.responseId,
        answers: group._sum.answers ?? 0,
      }))
      .sort(
        (a, b) =>
          compareQuarters(a.quarter, b.quarter) ||
          a.audience.localeCompare(b.audience) ||
          a.category.localeCompare(b.category),
      ),
  };
}
