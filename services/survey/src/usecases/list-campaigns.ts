import type { Db } from "../db.ts";
import type { CampaignKind, CampaignState } from "../generated/prisma/client.ts";

export interface CampaignFilter {
  partnerId?: string | undefined;
  quarter?: string | undefined;
  kind?: CampaignKind | undefined;
  state?: CampaignState | undefined;
  limit: number;
  /** Id of the last campaign of the previous page. */
  cursor?: string | undefined;
}

/** Campaigns newest first with their delivery and response counts (admin monitoring). */
export async function listCampaigns(db: Db, filter: CampaignFilter) {
  const rows = await db.campaign.findMany({
    where: {
      ...(filter.partnerId ? { partnerId: filter.partnerId } : {}),
      ...(filter.quarter ? { quarter: filter.quarter } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.state ? { state: filter.state } : {}),
    },
    include: { partner: { select: { companyName: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((campaign) => ({
      id: campaign.id,
      partnerId: campaign.partnerId,
      partnerName: campaign.partner.companyName,
      kind: campaign.kind,
      quarter: campaign.quarter,
      state: campaign.state,
      opensAt: campaign.opensAt,
      closesAt: campaign.closesAt,
      templates: {
        customer: { id: campaign.customerTemplateId, version: campaign.customerTemplateVersion },
        employee: { id: campaign.employeeTemplateId, version: campaign.employeeTemplateVersion },
      },
      counts: {
        recipients: campaign.recipientCount,
        invitations: campaign.invitationCount,
        reminders: campaign.reminderCount,
        responses: campaign.responseCount,
      },
      createdAt: campaign.createdAt,
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Totals per partner and quarter, with whether the partner's window reached the response threshold. */
export async function campaignSummary(
  db: Db,
  filter: { partnerId?: string | undefined; quarter?: string | undefined },
) {
  const rows = await db.$queryRawUnsafe<
    {
      partner_id: string;
      company_name: string | null;
      quarter: string;
      campaigns: number;
      recipients: number;
      invitations: number;
      reminders: number;
      responses: number;
      threshold_reached_at: Date | null;
    }[]
  >(
    `SELECT c.partner_id::text AS partner_id, p.company_name, c.quarter, count(*)::int AS campaigns,
       sum(c.recipient_count)::int AS recipients, sum(c.invitation_count)::int AS invitations,
       sum(c.reminder_count)::int AS reminders, sum(c.response_count)::int AS responses, w.threshold_reached_at
     FROM campaign c
     JOIN partner p ON p.id = c.partner_id
     LEFT JOIN response_window w ON w.partner_id = c.partner_id AND w.quarter = c.quarter
     WHERE ($1::uuid IS NULL OR c.partner_id = $1::uuid) AND ($2::text IS NULL OR c.quarter = $2)
     GROUP BY c.partner_id, p.company_name, c.quarter, w.threshold_reached_at
     ORDER BY c.quarter DESC, p.company_name ASC NULLS LAST
     LIMIT 1000`,
    filter.partnerId ?? null,
    filter.quarter ?? null,
  );
  return rows.map((row) => ({
    partnerId: row.partner_id,
    partnerName: row.company_name,
    quarter: row.quarter,
    campaigns: row.campaigns,
    recipients: row.recipients,
    invitations: row.invitations,
    reminders: row.reminders,
    responses: row.responses,
    responseRate: row.recipients > 0 ? Math.round((row.responses / row.recipients) * 1000) / 1000 : 0,
    thresholdReachedAt: row.threshold_reached_at,
  }));
}
