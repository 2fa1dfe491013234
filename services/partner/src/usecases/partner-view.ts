import { computeCompletion } from "../domain/completion.ts";
import { ONBOARDING_STEPS, resumeStep } from "../domain/onboarding-steps.ts";
import type { LoadedPartner } from "../repositories/partner-record.ts";

/** The full partner as its own user and admins see it: profile, lifecycle, completion and what is missing. */
export function partnerView({ row, state }: LoadedPartner) {
  const completion = computeCompletion(state);
  return {
    id: state.id,
    status: state.status,
    slug: state.slug,
    paymentTier: state.paymentTier,
    ownerUserId: row.ownerUserId,
    companyName: state.companyName,
    website: state.website,
    description: state.description,
    logoUrl: state.logoUrl,
    contactEmail: state.contactEmail,
    contactPhone: state.contactPhone,
    address: state.address,
    capabilities: state.capabilities,
    focusAreas: state.focusAreas,
    revenueTiers: state.revenueTiers,
    serviceRegions: state.serviceRegions,
    videos: state.videos,
    customerReferences: state.customerReferences,
    employeeReferences: state.employeeReferences,
    profileCompletion: completion.percent,
    missing: completion.missing,
    onboarding: {
      currentStep: resumeStep(state.completedSteps),
      completedSteps: state.completedSteps,
      steps: ONBOARDING_STEPS.map((step) => ({
        number: step.number,
        name: step.name,
        complete: state.completedSteps.includes(step.number),
      })),
    },
    pcrScore: row.pcrScore === null ? null : Number(row.pcrScore),
    rejectionReason: row.rejectionReason,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type PartnerView = ReturnType<typeof partnerView>;
