import type { SqlExecutor } from "@tpx/db";

/**
 * Writes to the partner read model. Each write first takes one transaction-level advisory lock and a fresh
 * `sync_seq`, so sequence order equals commit order (see matcher/index-sync.ts). Partner events are few, so
 * serializing them costs nothing that matters. Events can arrive in any order (separate subjects), so every write
 * creates the row when missing and each group of fields only moves forward in time.
 */
const READ_MODEL_LOCK = 84_000_101;
const NEXT_SEQ = "nextval('match_partner_sync_seq_seq')";

async function lock(tx: SqlExecutor): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${READ_MODEL_LOCK})`);
}

/** Creates the row if missing with the identity known so far. */
async function ensureRow(tx: SqlExecutor, partnerId: string, slug = "", companyName = ""): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO match_partner (id, slug, company_name, status, focus_areas, capabilities, service_regions,
                                revenue_tiers, updated_at)
     VALUES ($1::uuid, $2, $3, 'draft', '{}', '{}', '{}', '{}', now())
     ON CONFLICT (id) DO NOTHING`,
    partnerId,
    slug,
    companyName,
  );
}

export async function recordRegistration(
  tx: SqlExecutor,
  input: { partnerId: string; slug: string; companyName: string },
): Promise<void> {
  await lock(tx);
  await ensureRow(tx, input.partnerId, input.slug, input.companyName);
  // A profile update may have arrived first; it carries newer identity fields.
  await tx.$executeRawUnsafe(
    `UPDATE match_partner SET slug = $2, company_name = $3, sync_seq = ${NEXT_SEQ}, updated_at = now()
      WHERE id = $1::uuid AND profile_at IS NULL`,
    input.partnerId,
    input.slug,
    input.companyName,
  );
}

export interface ProfileFields {
  partnerId: string;
  slug: string;
  companyName: string;
  focusAreas: string[];
  /** Absent when the event does not carry them (onboarding completion): the stored values stay. */
  capabilities?: string[];
  serviceRegions?: string[];
  revenueTiers?: string[];
  at: Date;
}

export async function recordProfile(tx: SqlExecutor, input: ProfileFields): Promise<void> {
  await lock(tx);
  await ensureRow(tx, input.partnerId, input.slug, input.companyName);
  await tx.$executeRawUnsafe(
    `UPDATE match_partner
        SET slug = $2, company_name = $3, focus_areas = $4::text[],
            capabilities = COALESCE($5::text[], capabilities),
            service_regions = COALESCE($6::text[], service_regions),
            revenue_tiers = COALESCE($7::text[], revenue_tiers),
            profile_at = $8, sync_seq = ${NEXT_SEQ}, updated_at = now()
      WHERE id = $1::uuid AND (profile_at IS NULL OR profile_at <= $8)`,
    input.partnerId,
    input.slug,
    input.companyName,
    input.focusAreas,
    input.capabilities ?? null,
    input.serviceRegions ?? null,
    input.revenueTiers ?? null,
    input.at,
  );
}

export async function recordStatus(
  tx: SqlExecutor,
  input: { partnerId: string; status: string; at: Date; slug?: string },
): Promise<void> {
  await lock(tx);
  await ensureRow(tx, input.partnerId, input.slug ?? "");
  await tx.$executeRawUnsafe(
    `UPDATE match_partner
        SET status = $2, slug = CASE WHEN slug = '' AND $4::text IS NOT NULL THEN $4::text ELSE slug END,
            status_changed_at = $3, sync_seq = ${NEXT_SEQ}, updated_at = now()
      WHERE id = $1::uuid AND (status_changed_at IS NULL OR status_changed_at <= $3)`,
    input.partnerId,
    input.status,
    input.at,
    input.slug ?? null,
  );
}

export async function recordPaymentTier(tx: SqlExecutor, input: { partnerId: string; tier: string }): Promise<void> {
  await lock(tx);
  await ensureRow(tx, input.partnerId);
  await tx.$executeRawUnsafe(
    `UPDATE match_partner SET payment_tier = $2, sync_seq = ${NEXT_SEQ}, updated_at = now() WHERE id = $1::uuid`,
    input.partnerId,
    input.tier,
  );
}

/** Keeps the update with the highest revision; a pending PCR clears the score. */
export async function recordPcr(
  tx: SqlExecutor,
  input: { partnerId: string; score: number | null; revision: number },
): Promise<void> {
  await lock(tx);
  await ensureRow(tx, input.partnerId);
  await tx.$executeRawUnsafe(
    `UPDATE match_partner SET pcr_score = $2, pcr_revision = $3, sync_seq = ${NEXT_SEQ}, updated_at = now()
      WHERE id = $1::uuid AND pcr_revision < $3`,
    input.partnerId,
    input.score,
    input.revision,
  );
}
