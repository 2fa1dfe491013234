import { NATIONAL, US_STATES } from "./catalog.ts";
import { normalizeEmail, normalizePhone, normalizeWebUrl } from "./contact.ts";
import type { FieldProblem } from "./field-error.ts";
import type { Address, Capability, PartnerProfile, Video } from "./profile.ts";
import { recogniseVideo, VIDEO_PROVIDERS } from "./videos.ts";

/** Profile fields as they arrive (shape already checked by the route schema); every one optional. */
export interface ProfileInput {
  companyName?: string;
  website?: string;
  description?: string;
  logoUrl?: string;
  contactEmail?: string;
  contactPhone?: string;
  address?: Address;
  capabilities?: Capability[];
  focusAreas?: string[];
  revenueTiers?: string[];
  serviceRegions?: string[];
  videos?: { title: string; url: string }[];
}

export type ProfilePatch = Partial<
  Pick<
    PartnerProfile,
    | "companyName"
    | "website"
    | "description"
    | "logoUrl"
    | "contactEmail"
    | "contactPhone"
    | "address"
    | "capabilities"
    | "focusAreas"
    | "revenueTiers"
    | "serviceRegions"
    | "videos"
  >
>;

const STATES: ReadonlySet<string> = new Set(US_STATES);

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function regions(raw: string[], at: string, problems: FieldProblem[]): string[] {
  const values = unique(raw.map((value) => (value.toLowerCase() === NATIONAL ? NATIONAL : value.toUpperCase())));
  values.forEach((value, index) => {
    if (value !== NATIONAL && !STATES.has(value)) {
      problems.push({ field: `${at}.${index}`, message: `must be a US state code (e.g. "TX") or "${NATIONAL}"` });
    }
  });
  if (values.includes(NATIONAL) && values.length > 1) {
    problems.push({ field: at, message: `"${NATIONAL}" already covers every state; send it alone` });
  }
  return values;
}

function videos(raw: { title: string; url: string }[], at: string, problems: FieldProblem[]): Video[] {
  const seen = new Set<string>();
  return raw.map((video, index) => {
    const recognised = recogniseVideo(video.url);
    if (!recognised) {
      problems.push({ field: `${at}.${index}.url`, message: `must link to a video on ${VIDEO_PROVIDERS.join(", ")}` });
      return { title: video.title.trim(), url: video.url, provider: "unknown" };
    }
    if (seen.has(recognised.url)) problems.push({ field: `${at}.${index}.url`, message: "is listed twice" });
    seen.add(recognised.url);
    return { title: video.title.trim(), url: recognised.url, provider: recognised.provider };
  });
}

function capabilities(raw: Capability[], at: string, problems: FieldProblem[]): Capability[] {
  const seen = new Set<string>();
  return raw.map((capability, index) => {
    if (seen.has(capability.key)) problems.push({ field: `${at}.${index}.key`, message: "is listed twice" });
    seen.add(capability.key);
    const description = capability.description?.trim();
    return { key: capability.key, name: capability.name.trim(), ...(description ? { description } : {}) };
  });
}

/**
 * Checks and normalises the profile fields present in `input`; absent fields are left out of the patch (partial
 * saves). Problems name the field with `prefix` (the request part, "body").
 */
export function validateProfileInput(
  input: ProfileInput,
  prefix = "body",
): { patch: ProfilePatch; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const patch: ProfilePatch = {};
  const at = (field: string) => `${prefix}.${field}`;

  if (input.companyName !== undefined) {
    const name = input.companyName.trim().replace(/\s+/g, " ");
    if (!/[\p{L}\p{N}]/u.test(name))
      problems.push({ field: at("companyName"), message: "must contain letters or digits" });
    patch.companyName = name;
  }
  if (input.description !== undefined) patch.description = input.description.trim();
  for (const field of ["website", "logoUrl"] as const) {
    const raw = input[field];
    if (raw === undefined) continue;
    const url = normalizeWebUrl(raw);
    if (!url) problems.push({ field: at(field), message: "must be an http(s) URL" });
    patch[field] = url ?? raw;
  }
  if (input.contactEmail !== undefined) {
    const email = normalizeEmail(input.contactEmail);
    if (!email) problems.push({ field: at("contactEmail"), message: "must be an e-mail address" });
    patch.contactEmail = email ?? input.contactEmail;
  }
  if (input.contactPhone !== undefined) {
    const phone = normalizePhone(input.contactPhone);
    if (!phone) problems.push({ field: at("contactPhone"), message: "must be a phone number such as +15551234567" });
    patch.contactPhone = phone ?? input.contactPhone;
  }
  if (input.address !== undefined) {
    const state = input.address.state.trim().toUpperCase();
    if (input.address.country.trim().toUpperCase() === "US" && !STATES.has(state)) {
      problems.push({ field: at("address.state"), message: "must be a US state code" });
    }
    patch.address = {
      street: input.address.street.trim(),
      city: input.address.city.trim(),
      state,
      postalCode: input.address.postalCode.trim(),
      country: input.address.country.trim().toUpperCase(),
    };
  }
  if (input.capabilities !== undefined)
    patch.capabilities = capabilities(input.capabilities, at("capabilities"), problems);
  if (input.focusAreas !== undefined) patch.focusAreas = unique(input.focusAreas);
  if (input.revenueTiers !== undefined) patch.revenueTiers = unique(input.revenueTiers);
  if (input.serviceRegions !== undefined)
    patch.serviceRegions = regions(input.serviceRegions, at("serviceRegions"), problems);
  if (input.videos !== undefined) patch.videos = videos(input.videos, at("videos"), problems);
  return { patch, problems };
}
