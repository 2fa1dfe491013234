import type { Tx } from "../db.ts";
import type { PartnerStatus } from "../domain/lifecycle.ts";
import type { PaymentTier } from "../domain/profile.ts";

export type SortKey = "createdAt" | "name" | "pcr";
export type SortOrder = "asc" | "desc";

export interface PartnerSearch {
  q?: string;
  statuses?: PartnerStatus[];
  tier?: PaymentTier;
  focusArea?: string;
  region?: string;
  pcrMin?: number;
  pcrMax?: number;
  createdFrom?: string;
  createdTo?: string;
  sort: SortKey;
  order: SortOrder;
  cursor?: string;
  limit: number;
}

export interface SearchRow {
  id: string;
  slug: string;
  company_name: string;
  status: PartnerStatus;
  payment_tier: PaymentTier;
  focus_areas: string[];
  service_regions: string[];
  logo_url: string | null;
  profile_completion: number;
  pcr_text: string | null;
  created_at: Date;
  /** The sort column as text, exact to the microsecond, for the cursor. */
  sort_value: string | null;
}

const COLUMN: Record<SortKey, string> = { createdAt: "created_at", name: "company_name", pcr: "pcr_score" };

interface Cursor {
  v: string | number | null;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(raw: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (typeof value !== "object" || value === null || typeof value.id !== "string") return null;
    if (!/^[0-9a-f-]{36}$/i.test(value.id)) return null;
    if (value.v !== null && typeof value.v !== "string" && typeof value.v !== "number") return null;
    return value;
  } catch {
    return null;
  }
}

/** "acme roof" → "acme:* & roof:*": every word must match, the last ones as prefixes, like a search box. */
export function toTsQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(" & ");
}

interface Query {
  where: string[];
  params: unknown[];
  param(value: unknown): string;
}

function filters(search: PartnerSearch): Query {
  const query: Query = {
    where: [],
    params: [],
    param(value) {
      this.params.push(value);
      return `$${this.params.length}`;
    },
  };
  const { where } = query;
  const param = (value: unknown) => query.param(value);
  const tsQuery = search.q ? toTsQuery(search.q) : null;
  if (tsQuery) where.push(`search_vector @@ to_tsquery('simple', ${param(tsQuery)})`);
  if (search.statuses?.length) where.push(`status = ANY(${param(search.statuses)}::"PartnerStatus"[])`);
  if (search.tier) where.push(`payment_tier = ${param(search.tier)}::"PaymentTier"`);
  if (search.focusArea) where.push(`focus_areas @> ARRAY[${param(search.focusArea)}]::text[]`);
  if (search.region) where.push(`service_regions @> ARRAY[${param(search.region)}]::text[]`);
  if (search.pcrMin !== undefined) where.push(`pcr_score >= ${param(search.pcrMin)}`);
  if (search.pcrMax !== undefined) where.push(`pcr_score <= ${param(search.pcrMax)}`);
  if (search.createdFrom) where.push(`created_at >= ${param(search.createdFrom)}::timestamptz`);
  if (search.createdTo) where.push(`created_at < ${param(search.createdTo)}::timestamptz`);
  return query;
}

/**
 * One page query. `nullPhase` is for PCR sorting: partners without a PCR come after all scored ones, read in a second
 * phase (`pcr_score IS NULL`, by id), so each phase's ORDER BY matches the (pcr_score, id) index in either direction.
 */
function pageSql(search: PartnerSearch, cursor: Cursor | null, nullPhase: boolean) {
  const query = filters(search);
  const column = COLUMN[search.sort];
  const op = search.order === "asc" ? ">" : "<";
  const cast = search.sort === "createdAt" ? "::timestamptz" : search.sort === "pcr" ? "::numeric" : "";
  if (search.sort === "pcr") query.where.push(nullPhase ? "pcr_score IS NULL" : "pcr_score IS NOT NULL");
  if (cursor) {
    const id = `${query.param(cursor.id)}::uuid`;
    if (cursor.v === null) query.where.push(`id ${op} ${id}`);
    else {
      const value = `${query.param(cursor.v)}${cast}`;
      query.where.push(`(${column} ${op} ${value} OR (${column} = ${value} AND id ${op} ${id}))`);
    }
  }
  const direction = search.order === "asc" ? "ASC" : "DESC";
  const order = nullPhase ? `id ${direction}` : `${column} ${direction}, id ${direction}`;
  const sql = `SELECT id, slug, company_name, status, payment_tier, focus_areas, service_regions, logo_url,
      profile_completion, pcr_score::text AS pcr_text, created_at, ${column}::text AS sort_value
    FROM partner ${query.where.length ? `WHERE ${query.where.join(" AND ")}` : ""}
    ORDER BY ${order}
    LIMIT ${query.param(search.limit + 1)}`;
  return { sql, params: query.params };
}

/**
 * Keyset-paginated search; every filter maps onto an index (status/tier btree, GIN on focus_areas, service_regions
 * and search_vector, btree on pcr_score and company_name), sorted by the chosen column then id, PCR-less partners last.
 */
export async function searchPartners(tx: Tx, search: PartnerSearch, cursor: Cursor | null) {
  const inNullPhase = search.sort === "pcr" && cursor !== null && cursor.v === null;
  const first = pageSql(search, cursor, inNullPhase);
  let rows = await tx.$queryRawUnsafe<SearchRow[]>(first.sql, ...first.params);
  if (search.sort === "pcr" && !inNullPhase && rows.length <= search.limit) {
    const rest = pageSql({ ...search, limit: search.limit - rows.length }, null, true);
    rows = [...rows, ...(await tx.$queryRawUnsafe<SearchRow[]>(rest.sql, ...rest.params))];
  }
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > search.limit && last ? encodeCursor({ id: last.id, v: last.sort_value }) : null;
  return { rows: page, nextCursor, sql: first.sql, params: first.params };
}
