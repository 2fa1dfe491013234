import { PartnerStatus, type PartnerReference as ReferenceOnWire } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import type { Audience } from "../domain/questions.ts";

/** PartnerStatus numbers on the wire → the names the read model stores ("ACTIVE", ...). */
const STATUS_NAMES = new Map<number, string>(Object.entries(PartnerStatus).map(([name, value]) => [value, name]));

export function statusName(status: number): string {
  return STATUS_NAMES.get(status) ?? "UNSPECIFIED";
}

/** Keeps the company name and slug of the partner (registration, profile updates, onboarding). */
export async function recordPartnerProfile(
  tx: Tx,
  partner: { id: string; companyName: string; slug: string },
): Promise<void> {
  await tx.partner.upsert({
    where: { id: partner.id },
    create: { id: partner.id, companyName: partner.companyName, slug: partner.slug },
    update: { companyName: partner.companyName, slug: partner.slug },
  });
}

/** Applies a status change unless a newer one was applied already (consumers of different events race). */
export async function recordPartnerStatus(
  tx: Tx,
  change: { partnerId: string; status: number; changedAt: Date },
): Promise<void> {
  const status = statusName(change.status);
  await tx.$executeRawUnsafe(
    `INSERT INTO partner (id, status, status_changed_at, updated_at) VALUES ($1::uuid, $2, $3, now())
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at,
       updated_at = now()
     WHERE partner.status_changed_at IS NULL OR partner.status_changed_at <= EXCLUDED.status_changed_at`,
    change.partnerId,
    status,
    change.changedAt,
  );
}

/** Stores the partner's references as they were sent; a redelivered event updates the same rows. */
export async function recordPartnerReferences(
  tx: Tx,
  partnerId: string,
  references: Array<{ audience: Audience; reference: ReferenceOnWire }>,
): Promise<void> {
  for (const { audience, reference } of references) {
    const details = {
      name: reference.name,
      company: reference.company,
      email: reference.email,
      phone: reference.phone ?? null,
    };
    await tx.partnerReference.upsert({
      where: { id: reference.referenceId },
      create: { id: reference.referenceId, partnerId, audience, ...details },
      update: details,
    });
  }
}
