import type { SqlExecutor } from "@tpx/db";
import type { LeadStageName } from "../domain/lead-pipeline.ts";

export interface LeadFilters {
  partnerId: string;
  statuses?: LeadStageName[] | undefined;
  /** Matches the contractor's company, contact name or e-mail, or the partner's notes, case-insensitively. */
  q?: string | undefined;
  minValue?: number | undefined;
  maxValue?: number | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  /** Keyset cursor: the (created_at, id) of the last lead of the previous page. */
  after?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

export interface LeadListRow {
  id: string;
  partner_id: string;
  contractor_id: string;
  match_id: string;
  status: LeadStageName;
  value: number | null;
  stage_entered_at: Date;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  company_name: string;
  contact_name: string;
  contact_email: string;
  revenue_tier: string;
  state: string;
}

/** The partner's pipeline with filters and search, newest first; served by lead (partner_id, status, created_at). */
export async function searchLeads(db: SqlExecutor, filters: LeadFilters): Promise<LeadListRow[]> {
  const where = ["l.partner_id = $1::uuid"];
  const values: unknown[] = [filters.partnerId];
  const param = (value: unknown, cast = "") => {
    values.push(value);
    return `$${values.length}${cast}`;
  };
  if (filters.statuses?.length) where.push(`l.status = ANY(${param(filters.statuses, "::text[]")}::lead_stage[])`);
  if (filters.minValue !== undefined) where.push(`l.value >= ${param(filters.minValue, "::int")}`);
  if (filters.maxValue !== undefined) where.push(`l.value <= ${param(filters.maxValue, "::int")}`);
  if (filters.createdFrom) where.push(`l.created_at >= ${param(filters.createdFrom, "::timestamptz")}`);
  if (filters.createdTo) where.push(`l.created_at < ${param(filters.createdTo, "::timestamptz")}`);
  if (filters.q) {
    const pattern = param(`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(c.company_name ILIKE ${pattern} OR c.contact_name ILIKE ${pattern} OR c.contact_email ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM lead_note n WHERE n.lead_id = l.id AND n.body ILIKE ${pattern}))`);
  }
  if (filters.after) {
    const at = param(filters.after.createdAt, "::timestamptz");
    where.push(`(l.created_at, l.id) < (${at}, ${param(filters.after.id, "::uuid")})`);
  }
  return db.$queryRawUnsafe<LeadListRow[]>(
    `SELECT l.id::text, l.partner_id::text, l.contractor_id::text, l.match_id::text, l.status::text, l.value,
            l.stage_entered_at, l.closed_at, l.created_at, l.updated_at,
            c.company_name, c.contact_name, c.contact_email, c.revenue_tier, c.state
       FROM lead l JOIN contractor c ON c.id = l.contractor_id
      WHERE ${where.join(" AND ")}
      ORDER BY l.created_at DESC, l.id DESC
      LIMIT ${param(filters.limit, "::int")}`,
    ...values,
  );
}
