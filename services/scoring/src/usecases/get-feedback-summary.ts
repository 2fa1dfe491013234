import { NotFoundError } from "@tpx/service-kit";
import type { Db } from "../db.ts";
import { npsSummary } from "../domain/nps.ts";
import { compareQuarters } from "../domain/quarter.ts";
import { round2 } from "../domain/rounding.ts";

const RECENT_COMMENTS = 10;

const roundNps = (summary: ReturnType<typeof npsSummary>) =>
  summary ? { ...summary, nps: round2(summary.nps), low: round2(summary.low), high: round2(summary.high) } : null;

/**
 * Counts, NPS (overall and per quarter), sentiment distribution and the latest comments. Comments stay anonymous:
 * text, audience, quarter and day only, never an id that could lead back to a respondent.
 */
export async function getFeedbackSummary(db: Db, partnerId: string) {
  const partner = await db.partner.findUnique({ where: { id: partnerId }, select: { id: true } });
  if (!partner) throw new NotFoundError("The partner");
  const responses = await db.feedbackResponse.findMany({
    where: { partnerId },
    select: { quarter: true, audience: true, score: true, npsValue: true, sentimentLabel: true, sentimentScore: true },
  });
  const quarters = new Map<string, { customer: number; employee: number; nps: number[] }>();
  for (const response of responses) {
    const entry = quarters.get(response.quarter) ?? { customer: 0, employee: 0, nps: [] };
    entry[response.audience === "employee" ? "employee" : "customer"] += 1;
    if (response.npsValue !== null) entry.nps.push(response.npsValue);
    quarters.set(response.quarter, entry);
  }
  const sentiments = responses.filter((response) => response.sentimentLabel !== null);
  const count = (label: string) => sentiments.filter((response) => response.sentimentLabel === label).length;
  const recent = await db.feedbackResponse.findMany({
    where: { partnerId, comment: { not: null } },
    orderBy: [{ submittedAt: "desc" }, { responseId: "asc" }],
    take: RECENT_COMMENTS,
    select: { comment: true, audience: true, quarter: true, sentimentLabel: true, submittedAt: true },
  });
  return {
    counts: {
      total: responses.length,
      rated: responses.filter((response) => response.score !== null).length,
      customer: responses.filter((response) => response.audience === "customer").length,
      employee: responses.filter((response) => response.audience === "employee").length,
    },
    nps: roundNps(npsSummary(responses.flatMap((response) => (response.npsValue === null ? [] : [response.npsValue])))),
    quarters: [...quarters]
      .sort(([a], [b]) => compareQuarters(a, b))
      .map(([quarter, entry]) => ({
        quarter,
        customer: entry.customer,
        employee: entry.employee,
        nps: roundNps(npsSummary(entry.nps)),
      })),
    sentiment: {
      positive: count("positive"),
      neutral: count("neutral"),
      negative: count("negative"),
      averageScore:
        sentiments.length > 0
          ? round2(sentiments.reduce((sum, response) => sum + (response.sentimentScore ?? 0), 0) / sentiments.length)
          : null,
    },
    recentComments: recent.map((response) => ({
      text: response.comment as string,
      audience: response.audience,
      quarter: response.quarter,
      sentiment: response.sentimentLabel,
      submittedOn: response.submittedAt.toISOString().slice(0, 10),
    })),
  };
}
