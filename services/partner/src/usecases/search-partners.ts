import { ValidationError } from "@tpx/service-kit";
import { PUBLIC_STATUSES } from "../domain/lifecycle.ts";
import { decodeCursor, type PartnerSearch, searchPartners } from "../repositories/partner-search.ts";
import type { Deps } from "./support/deps.ts";

function cursorOf(search: PartnerSearch) {
  if (!search.cursor) return null;
  const cursor = decodeCursor(search.cursor);
  if (!cursor)
    throw new ValidationError([{ field: "querystring.cursor", message: "is not a cursor from a previous page" }]);
  return cursor;
}

/** Admin search over every partner (text, status, tier, focus area, region, PCR and created ranges). */
export async function searchPartnersForAdmin(deps: Deps, search: PartnerSearch) {
  const { rows, nextCursor } = await deps.db.$transaction((tx) => searchPartners(tx, search, cursorOf(search)));
  return {
    items: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      companyName: row.company_name,
      status: row.status,
      paymentTier: row.payment_tier,
      focusAreas: row.focus_areas,
      serviceRegions: row.service_regions,
      profileCompletion: row.profile_completion,
      pcrScore: row.pcr_text === null ? null : Number(row.pcr_text),
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor,
  };
}

/** The public directory: approved and active partners only, in the shape the gateway renders. */
export async function searchDirectory(
  deps: Deps,
  query: {
    q?: string;
    focusArea?: string;
    region?: string;
    minPcr?: number;
    sort: "pcr" | "name";
    cursor?: string;
    limit: number;
  },
) {
  const search: PartnerSearch = {
    ...(query.q ? { q: query.q } : {}),
    ...(query.focusArea ? { focusArea: query.focusArea } : {}),
    ...(query.region ? { region: query.region } : {}),
    ...(query.minPcr !== undefined ? { pcrMin: query.minPcr } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    statuses: [...PUBLIC_STATUSES],
    sort: query.sort,
    order: query.sort === "pcr" ? "desc" : "asc",
    limit: query.limit,
  };
  return deps.db.$transaction(async (tx) => {
    const { rows, nextCursor } = await searchPartners(tx, search, cursorOf(search));
    const badges = await tx.partnerScore.findMany({
      where: { partnerId: { in: rows.map((row) => row.id) } },
      select: { partnerId: true, badges: true },
    });
    const badgesOf = new Map(badges.map((row) => [row.partnerId, row.badges]));
    return {
      items: rows.map((row) => ({
        slug: row.slug,
        companyName: row.company_name,
        focusAreas: row.focus_areas,
        serviceRegions: row.service_regions,
        pcr: row.pcr_text === null ? null : Number(row.pcr_text),
        badges: badgesOf.get(row.id) ?? [],
        logoUrl: row.logo_url,
      })),
      nextCursor,
    };
  });
}
