import type { Tx } from "../db.ts";
import { firstFreeSlug } from "../domain/slug.ts";

/**
 * The first free slug for `base` (`acme-roofing`, `acme-roofing-2`, …). A slug is taken when a partner uses it now
 * or used it before a rename (old slugs keep redirecting). `ownerId`'s own old slugs are free for it to take back.
 */
export async function freeSlug(tx: Tx, base: string, ownerId?: string): Promise<string> {
  // Serialises slug choice until commit: two sign-ups of "Acme Roofing" at once get acme-roofing and acme-roofing-2.
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('partner-slug'))");
  const pattern = `${base.replace(/[\\%_]/g, "\\$&")}-%`;
  const rows = await tx.$queryRawUnsafe<{ slug: string }[]>(
    `SELECT slug FROM partner WHERE (slug = $1 OR slug LIKE $2) AND ($3::uuid IS NULL OR id <> $3::uuid)
     UNION
     SELECT slug FROM partner_slug_history WHERE (slug = $1 OR slug LIKE $2) AND ($3::uuid IS NULL OR partner_id <> $3::uuid)`,
    base,
    pattern,
    ownerId ?? null,
  );
  return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
}
