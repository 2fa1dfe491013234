import { randomUUID } from "node:crypto";
import { leadStatusChangedV1, timestampFromDate } from "@tpx/contracts";
import { leadStatusValue } from "../consumers/event-values.ts";
import type { Tx } from "../db.ts";
import type { MatchingDeps } from "../deps.ts";

/**
 * The lead of a partner and a contractor: created as `new` the first time a match offers that partner (with its first
 * stage visit and a `lead.status_changed` from unspecified), reused when a later run offers the same partner again,
 * so re-matching never fills a pipeline with duplicates.
 */
export async function openLead(
  deps: MatchingDeps,
  tx: Tx,
  input: { partnerId: string; contractorId: string; matchId: string; at: Date },
): Promise<string> {
  const id = randomUUID();
  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO lead (id, partner_id, contractor_id, match_id, status, stage_entered_at, created_at, updated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, 'new', $5, $5, $5)
     ON CONFLICT (partner_id, contractor_id) DO NOTHING RETURNING id::text`,
    id,
    input.partnerId,
    input.contractorId,
    input.matchId,
    input.at,
  );
  if (inserted.length === 0) {
    const existing = await tx.lead.findUniqueOrThrow({
      where: { partnerId_contractorId: { partnerId: input.partnerId, contractorId: input.contractorId } },
      select: { id: true },
    });
    return existing.id;
  }
  await tx.leadStageVisit.create({
    data: { leadId: id, partnerId: input.partnerId, stage: "new", enteredAt: input.at },
  });
  await deps.outbox.add(
    tx,
    leadStatusChangedV1,
    leadStatusChangedV1.create({
      leadId: id,
      partnerId: input.partnerId,
      contractorId: input.contractorId,
      matchId: input.matchId,
      previousStatus: leadStatusValue(null),
      status: leadStatusValue("new"),
      changedAt: timestampFromDate(input.at),
    }),
    { subject: input.partnerId },
  );
  return id;
}
