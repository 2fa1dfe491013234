import { REFERENCES_PER_AUDIENCE } from "./catalog.ts";
import type { PartnerProfile } from "./profile.ts";

/** The 8 onboarding steps, in order. Each is saved on its own; `complete` says when its required fields are there. */
export const ONBOARDING_STEPS = [
  {
    number: 1,
    name: "company",
    complete: (p: PartnerProfile) =>
      Boolean(p.companyName && p.website && p.description && p.contactEmail && p.contactPhone && p.address),
  },
  { number: 2, name: "capabilities", complete: (p: PartnerProfile) => p.capabilities.length > 0 },
  {
    number: 3,
    name: "focus-areas",
    complete: (p: PartnerProfile) => p.focusAreas.length > 0 && p.revenueTiers.length > 0,
  },
  { number: 4, name: "service-regions", complete: (p: PartnerProfile) => p.serviceRegions.length > 0 },
  { number: 5, name: "videos", complete: (p: PartnerProfile) => p.videos.length > 0 },
  {
    number: 6,
    name: "customer-references",
    complete: (p: PartnerProfile) => p.customerReferences.length === REFERENCES_PER_AUDIENCE,
  },
  {
    number: 7,
    name: "employee-references",
    complete: (p: PartnerProfile) => p.employeeReferences.length === REFERENCES_PER_AUDIENCE,
  },
  // The tier has a default (free), so this step counts once the partner has saved a choice.
  { number: 8, name: "payment-tier", complete: (_p: PartnerProfile, saved: boolean) => saved },
] as const;

export type StepName = (typeof ONBOARDING_STEPS)[number]["name"];
export const STEP_NAMES = ONBOARDING_STEPS.map((step) => step.name) as StepName[];

export function stepNumber(name: StepName): number {
  return STEP_NAMES.indexOf(name) + 1;
}

/** Steps whose required data is all there; step 8 only when it was saved (`previouslyCompleted` includes 8). */
export function completedSteps(profile: PartnerProfile, previouslyCompleted: readonly number[]): number[] {
  return ONBOARDING_STEPS.filter((step) => step.complete(profile, previouslyCompleted.includes(step.number))).map(
    (step) => step.number,
  );
}

/** Where to resume: the first step not complete, or null when all 8 are. */
export function resumeStep(completed: readonly number[]): number | null {
  return ONBOARDING_STEPS.find((step) => !completed.includes(step.number))?.number ?? null;
}
