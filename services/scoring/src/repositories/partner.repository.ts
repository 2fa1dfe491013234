import type { Tx } from "../db.ts";

/** The partner columns the PCR needs, as stored. */
export interface PartnerRow {
  id: string;
  tier: string;
  tierChangedAt: Date | null;
  profileCompletion: number;
  profileUpdatedAt: Date | null;
  statusChangedAt: Date | null;
  revision: number;
  score: number | null;
  badges: unknown;
}

/** The `PartnerRow` columns, for statements that lock partners. */
export const PARTNER_ROW_COLUMNS = `id, tier, tier_changed_at AS "tierChangedAt", profile_completion AS "profileCompletion",
  profile_updated_at AS "profileUpdatedAt", status_changed_at AS "statusChangedAt", revision, score, badges`;

/**
 * The partner row, created with defaults when a response or event arrives before `partner.registered` (the streams
 * are consumed independently), and locked for the rest of the transaction so two recomputations of one partner
 * never interleave. One statement: an upsert whose no-op update takes the row lock and returns the row.
 */
export async function lockPartner(tx: Tx, partnerId: string): Promise<PartnerRow> {
  const [row] = await tx.$queryRawUnsafe<PartnerRow[]>(
    `INSERT INTO partner (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id
     RETURNING ${PARTNER_ROW_COLUMNS}`,
    partnerId,
  );
  if (!row) throw new Error(`partner ${partnerId} could not be locked`);
  return row;
}

/**
 * `lockPartner` for several partners in one statement. The rows are locked in id order, so two transactions locking
 * overlapping sets wait for each other instead of deadlocking.
 */
export async function lockPartners(tx: Tx, partnerIds: readonly string[]): Promise<Map<string, PartnerRow>> {
  const rows = await tx.$queryRawUnsafe<PartnerRow[]>(
    `INSERT INTO partner (id) SELECT DISTINCT id FROM unnest($1::text[]) AS id ORDER BY id
     ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id
     RETURNING ${PARTNER_ROW_COLUMNS}`,
    [...partnerIds],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Partner facts arrive out of order across streams: a fact older than the one stored is ignored. */
export function isNewer(stored: Date | null, at: Date): boolean {
  return stored === null || at.getTime() >= stored.getTime();
}
