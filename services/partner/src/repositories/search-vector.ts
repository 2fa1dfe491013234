import type { Tx } from "../db.ts";

/**
 * The full-text document of a partner: name (weight A) and description (weight B), 'simple' configuration so company
 * names are not stemmed. Kept by the application on every write of those columns (a trigger would be simpler, but
 * Prisma's migration differ cannot parse a plpgsql body).
 */
export const SEARCH_VECTOR_SQL =
  "setweight(to_tsvector('simple', coalesce(company_name, '')), 'A') || " +
  "setweight(to_tsvector('simple', coalesce(description, '')), 'B')";

export async function refreshSearchVector(tx: Tx, partnerId: string): Promise<void> {
  await tx.$executeRawUnsafe(`UPDATE partner SET search_vector = ${SEARCH_VECTOR_SQL} WHERE id = $1::uuid`, partnerId);
}
