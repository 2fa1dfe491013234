/** Regions are US state codes (plus DC), the partner service's catalogue; "national" means the whole country. */
export const NATIONAL = "national";

export const US_STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
] as const;

export function isUsState(value: string): boolean {
  return (US_STATES as readonly string[]).includes(value);
}

/** "US-TX", "tx" and "TX" all mean Texas; "National" means national. Anything else is kept as written. */
export function normalizeRegion(region: string): string {
  const trimmed = region.trim();
  if (trimmed.toLowerCase() === NATIONAL) return NATIONAL;
  const code = trimmed.toUpperCase().replace(/^US-/, "");
  return isUsState(code) ? code : trimmed;
}
