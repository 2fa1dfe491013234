import { CampaignKind as CampaignKindEnum, campaignCreatedV1, timestampFromDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { SurveyDeps } from "../deps.ts";
import type { CampaignKind } from "../generated/prisma/client.ts";
import { pinDefaultTemplates } from "./default-templates.ts";
import { sendSurveyMessage } from "./send-survey-message.ts";

export interface CreateCampaignInput {
  partnerId: string;
  kind: CampaignKind;
  quarter: string;
  /** Unique key that makes an automatic campaign exactly-once; null for manual campaigns. */
  dedupeKey: string | null;
  createdBy?: string;
  now: Date;
}

export type CreateCampaignResult =
  | { outcome: "created"; campaignId: string; recipientCount: number; messageCount: number }
  | { outcome: "exists" }
  | { outcome: "no_recipients" }
  | { outcome: "unknown_partner" };

const KIND_ON_WIRE = {
  PRE_ONBOARDING: CampaignKindEnum.PRE_ONBOARDING,
  QUARTERLY: CampaignKindEnum.QUARTERLY,
  MANUAL: CampaignKindEnum.MANUAL,
} as const;

const DAY_MS = 86_400_000;

/** Fallback greeting when no partner event has told us the company name yet. */
export const UNKNOWN_PARTNER_NAME = "your TPX partner";

/**
 * Creates a campaign for a partner inside the caller's transaction: pins the default template version per audience,
 * makes one recipient per reference that has not opted out, requests their invitations and announces the campaign.
 * A campaign whose dedupe key already exists is not created again (the unique index decides, across replicas).
 */
export async function createCampaign(
  tx: Tx,
  deps: Pick<SurveyDeps, "outbox" | "config">,
  input: CreateCampaignInput,
): Promise<CreateCampaignResult> {
  const partner = await tx.partner.findUnique({
    where: { id: input.partnerId },
    include: { references: { where: { optedOutAt: null }, orderBy: [{ audience: "asc" }, { createdAt: "asc" }] } },
  });
  if (!partner) return { outcome: "unknown_partner" };
  if (partner.references.length === 0) return { outcome: "no_recipients" };
  const templates = await pinDefaultTemplates(tx);
  const closesAt = new Date(input.now.getTime() + deps.config.CAMPAIGN_DURATION_DAYS * DAY_MS);

  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO campaign (partner_id, kind, quarter, dedupe_key, customer_template_id, customer_template_version,
       employee_template_id, employee_template_version, opens_at, closes_at, created_by, created_at)
     VALUES ($1::uuid, $2::"CampaignKind", $3, $4, $5::uuid, $6, $7::uuid, $8, $9, $10, $11, $9)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id::text AS id`,
    input.partnerId,
    input.kind,
    input.quarter,
    input.dedupeKey,
    templates.CUSTOMER.id,
    templates.CUSTOMER.version,
    templates.EMPLOYEE.id,
    templates.EMPLOYEE.version,
    input.now,
    closesAt,
    input.createdBy ?? null,
  );
  const campaignId = inserted[0]?.id;
  if (!campaignId) return { outcome: "exists" };

  let messageCount = 0;
  for (const reference of partner.references) {
    const recipient = await tx.recipient.create({
      data: {
        campaignId,
        referenceId: reference.id,
        audience: reference.audience,
        expiresAt: closesAt,
        lastMessagedAt: input.now,
      },
    });
    messageCount += await sendSurveyMessage(
      tx,
      deps,
      {
        campaignId,
        partnerId: partner.id,
        partnerName: partner.companyName ?? UNKNOWN_PARTNER_NAME,
        recipientId: recipient.id,
        audience: reference.audience,
        expiresAt: closesAt,
        name: reference.name,
        email: reference.email,
        phone: reference.phone,
      },
      0,
    );
  }
  const recipientCount = partner.references.length;
  await tx.campaign.update({
    where: { id: campaignId },
    data: { recipientCount, invitationCount: messageCount },
  });
  await deps.outbox.add(
    tx,
    campaignCreatedV1,
    campaignCreatedV1.create({
      campaignId,
      partnerId: partner.id,
      kind: KIND_ON_WIRE[input.kind],
      quarter: input.quarter,
      templateId: templates.CUSTOMER.id,
      templateVersion: templates.CUSTOMER.version,
      recipientCount,
      createdAt: timestampFromDate(input.now),
      closesAt: timestampFromDate(closesAt),
    }),
    { subject: partner.id },
  );
  return { outcome: "created", campaignId, recipientCount, messageCount };
}
