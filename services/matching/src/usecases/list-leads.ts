import { ValidationError } from "@tpx/service-kit";
import type { MatchingDeps } from "../deps.ts";
import { allowedNextStages, type LeadStageName } from "../domain/lead-pipeline.ts";
import { type LeadFilters, type LeadListRow, searchLeads } from "../repositories/lead-search.ts";

export interface LeadSummary {
  id: string;
  partnerId: string;
  contractorId: string;
  matchId: string;
  status: LeadStageName;
  allowedNext: LeadStageName[];
  value: number | null;
  stageEnteredAt: Date;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  contractor: { companyName: string; contactName: string; contactEmail: string; revenueTier: string; state: string };
}

/** One page of a partner's pipeline. The cursor is opaque to clients: base64url of "createdAt|id". */
export async function listLeads(
  deps: MatchingDeps,
  input: Omit<LeadFilters, "after"> & { cursor?: string | undefined },
): Promise<{ items: LeadSummary[]; nextCursor: string | null }> {
  const rows = await searchLeads(deps.db, {
    ...input,
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString("base64url")
        : null,
  };
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new ValidationError([{ field: "cursor", message: "is not a cursor this service returned" }]);
  }
  return { createdAt, id };
}

export function toSummary(row: LeadListRow): LeadSummary {
  return {
    id: row.id,
    partnerId: row.partner_id,
    contractorId: row.contractor_id,
    matchId: row.match_id,
    status: row.status,
    allowedNext: [...allowedNextStages(row.status)],
    value: row.value,
    stageEnteredAt: row.stage_entered_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    contractor: {
      companyName: row.company_name,
      contactName: row.contact_name,
      contactEmail: row.contact_email,
      revenueTier: row.revenue_tier,
      state: row.state,
    },
  };
}
