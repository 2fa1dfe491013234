import type { Tx } from "../db.ts";
import type { Audience, PartnerState, Reference } from "../domain/profile.ts";
import type { Partner, PartnerReference } from "../generated/prisma/client.ts";

export type PartnerRow = Partner & { references: PartnerReference[] };

export interface LoadedPartner {
  row: PartnerRow;
  state: PartnerState;
}

function referencesOf(rows: PartnerReference[], audience: Audience): Reference[] {
  return rows
    .filter((row) => row.audience === audience)
    .sort((a, b) => a.position - b.position)
    .map((row) => ({
      name: row.name,
      company: row.company,
      email: row.email,
      ...(row.phone ? { phone: row.phone } : {}),
    }));
}

export function toState(row: PartnerRow): PartnerState {
  return {
    id: row.id,
    status: row.status,
    slug: row.slug,
    completedSteps: row.completedSteps,
    companyName: row.companyName,
    website: row.website,
    description: row.description,
    logoUrl: row.logoUrl,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    address: row.address as PartnerState["address"],
    capabilities: row.capabilities as unknown as PartnerState["capabilities"],
    focusAreas: row.focusAreas,
    revenueTiers: row.revenueTiers,
    serviceRegions: row.serviceRegions,
    videos: row.videos as unknown as PartnerState["videos"],
    customerReferences: referencesOf(row.references, "CUSTOMER"),
    employeeReferences: referencesOf(row.references, "EMPLOYEE"),
    paymentTier: row.paymentTier,
  };
}

/** The partner with its references, locked for the rest of the transaction so concurrent edits serialise. */
export async function loadPartnerForUpdate(tx: Tx, id: string): Promise<LoadedPartner | null> {
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
    "SELECT id FROM partner WHERE id = $1::uuid FOR UPDATE",
    id,
  );
  if (locked.length === 0) return null;
  return loadPartner(tx, id);
}

export async function loadPartner(tx: Tx, id: string): Promise<LoadedPartner | null> {
  const row = await tx.partner.findUnique({ where: { id }, include: { references: true } });
  return row ? { row, state: toState(row) } : null;
}

export async function findPartnerIdByOwner(tx: Tx, userId: string): Promise<string | null> {
  const row = await tx.partner.findUnique({ where: { ownerUserId: userId }, select: { id: true } });
  return row?.id ?? null;
}
