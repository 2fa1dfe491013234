import { Type } from "@sinclair/typebox";
import type { StepName } from "../../domain/onboarding-steps.ts";
import { CapabilityList, profileFields, ReferenceInput, RegionList, Strict, Tier, VideoList } from "../schemas.ts";

const partial = { ...Strict, minProperties: 1 };
const references = Type.Object({ references: Type.Array(ReferenceInput, { maxItems: 5 }) }, Strict);

/** The body each onboarding step accepts: only that step's fields (anything else is refused by name). */
export const STEP_BODIES: Record<StepName, ReturnType<typeof Type.Object>> = {
  company: Type.Object(
    {
      companyName: profileFields.companyName,
      website: profileFields.website,
      description: profileFields.description,
      logoUrl: profileFields.logoUrl,
      contactEmail: profileFields.contactEmail,
      contactPhone: profileFields.contactPhone,
      address: profileFields.address,
    },
    partial,
  ),
  capabilities: Type.Object({ capabilities: CapabilityList }, Strict),
  "focus-areas": Type.Object(
    { focusAreas: profileFields.focusAreas, revenueTiers: profileFields.revenueTiers },
    partial,
  ),
  "service-regions": Type.Object({ serviceRegions: RegionList }, Strict),
  videos: Type.Object({ videos: VideoList }, Strict),
  "customer-references": references,
  "employee-references": references,
  "payment-tier": Type.Object({ paymentTier: Tier }, Strict),
};
