/** Keys the partner profile is described with. Focus areas, capabilities and revenue tiers are catalogue keys. */
export const CATALOG_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export { NATIONAL, US_STATES } from "@tpx/contracts";

export const MAX_VIDEOS = 5;
export const REFERENCES_PER_AUDIENCE = 5;
