import { isUsState, NATIONAL } from "@tpx/contracts";

export { isUsState, NATIONAL, US_STATES } from "@tpx/contracts";

/** "US-TX", "tx" and "TX" all mean Texas; "National" means national. Anything else is kept as written. */
export function normalizeRegion(region: string): string {
  const trimmed = region.trim();
  if (trimmed.toLowerCase() === NATIONAL) return NATIONAL;
  const code = trimmed.toUpperCase().replace(/^US-/, "");
  return isUsState(code) ? code : trimmed;
}
