import { Audience as ProtoAudience, QuestionType, type ResponseRecorded, timestampDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";

/** Longest comment kept on a public page; longer ones are cut at a word boundary. */
const MAX_TESTIMONIAL_LENGTH = 1000;

/** Mean of the rated answers mapped onto 0–100 (0–10 scale ×10, 1–5 scale (x−1)×25), or null when none are rated. */
export function responseRating(event: ResponseRecorded): number | null {
  const values = event.answers
    .filter(
      (answer) =>
        (answer.type === QuestionType.RATING || answer.type === QuestionType.NPS) && answer.numericValue !== undefined,
    )
    .map((answer) => {
      const min = answer.scaleMin ?? 0;
      const max = answer.scaleMax ?? 10;
      return max > min ? (((answer.numericValue as number) - min) / (max - min)) * 100 : null;
    })
    .filter((value): value is number => value !== null);
  if (values.length === 0) return null;
  return Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

function excerpt(text: string): string {
  if (text.length <= MAX_TESTIMONIAL_LENGTH) return text;
  const cut = text.slice(0, MAX_TESTIMONIAL_LENGTH);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/**
 * Keeps a consented comment as an anonymous testimonial (text, audience, quarter, rating; nothing about who wrote it).
 * Responses without consent or without a comment are not stored here at all.
 */
export async function recordTestimonial(tx: Tx, event: ResponseRecorded): Promise<boolean> {
  const text = event.comment?.trim();
  if (!event.consentToPublish || !text) return false;
  const partner = await tx.partner.findUnique({ where: { id: event.partnerId }, select: { id: true } });
  if (!partner) return false;
  await tx.testimonial.upsert({
    where: { responseId: event.responseId },
    create: {
      partnerId: event.partnerId,
      responseId: event.responseId,
      text: excerpt(text),
      audience: event.audience === ProtoAudience.EMPLOYEE ? "EMPLOYEE" : "CUSTOMER",
      quarter: event.quarter,
      rating: responseRating(event),
      submittedAt: event.submittedAt ? timestampDate(event.submittedAt) : new Date(),
    },
    update: {},
  });
  return true;
}
