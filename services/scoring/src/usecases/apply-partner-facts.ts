import {
  type PartnerOnboardingCompleted,
  type PartnerProfileUpdated,
  type PartnerRegistered,
  type PartnerStatusChanged,
  type PartnerTierChanged,
  timestampDate,
} from "@tpx/contracts";
import type { Tx } from "../db.ts";
import { statusFromWire, tierFromWire } from "../events/wire-values.ts";
import { isNewer, lockPartner } from "../repositories/partner.repository.ts";
import type { ScoringDeps } from "./deps.ts";
import { recomputePcr } from "./recompute-pcr.ts";

// Partner facts scoring keeps: tier and profile completion (PCR inputs), focus areas and status (rankings). Each
// is applied only when its event is at least as new as the stored fact, so any arrival order (and a replay) ends in
// the same state.

const at = (timestamp: Parameters<typeof timestampDate>[0] | undefined, fallback: Date) =>
  timestamp ? timestampDate(timestamp) : fallback;

/** Creates the partner row (draft, free, empty profile) so its facts have somewhere to go. */
export async function registerPartner(tx: Tx, data: PartnerRegistered): Promise<void> {
  await lockPartner(tx, data.partnerId);
  await tx.partner.updateMany({ where: { id: data.partnerId, slug: null }, data: { slug: data.slug } });
}

export async function completeOnboarding(deps: ScoringDeps, tx: Tx, data: PartnerOnboardingCompleted): Promise<void> {
  const partner = await lockPartner(tx, data.partnerId);
  const when = at(data.completedAt, deps.now());
  const tier = tierFromWire(data.paymentTier);
  const takeTier = isNewer(partner.tierChangedAt, when);
  const takeProfile = isNewer(partner.profileUpdatedAt, when);
  await tx.partner.update({
    where: { id: data.partnerId },
    data: {
      ...(takeTier ? { tier, tierChangedAt: when } : {}),
      ...(takeProfile
        ? {
            profileCompletion: data.profileCompletion,
            profileUpdatedAt: when,
            focusAreas: data.focusAreas,
            slug: data.slug,
          }
        : {}),
    },
  });
  const profileChanged = takeProfile && partner.profileCompletion !== data.profileCompletion;
  const tierChanged = takeTier && partner.tier !== tier;
  if (profileChanged || tierChanged) {
    await recomputePcr(deps, tx, data.partnerId, profileChanged ? "profile_change" : "tier_change");
  }
}

export async function changeTier(deps: ScoringDeps, tx: Tx, data: PartnerTierChanged): Promise<void> {
  const partner = await lockPartner(tx, data.partnerId);
  const when = at(data.changedAt, deps.now());
  if (!isNewer(partner.tierChangedAt, when)) return;
  const tier = tierFromWire(data.tier);
  await tx.partner.update({ where: { id: data.partnerId }, data: { tier, tierChangedAt: when } });
  if (partner.tier !== tier) await recomputePcr(deps, tx, data.partnerId, "tier_change");
}

export async function updateProfile(deps: ScoringDeps, tx: Tx, data: PartnerProfileUpdated): Promise<void> {
  const partner = await lockPartner(tx, data.partnerId);
  const when = at(data.updatedAt, deps.now());
  if (!isNewer(partner.profileUpdatedAt, when)) return;
  await tx.partner.update({
    where: { id: data.partnerId },
    data: {
      profileCompletion: data.profileCompletion,
      profileUpdatedAt: when,
      focusAreas: data.focusAreas,
      slug: data.slug,
    },
  });
  if (partner.profileCompletion !== data.profileCompletion) {
    await recomputePcr(deps, tx, data.partnerId, "profile_change");
  }
}

/** Status only decides who is ranked (active partners); it does not change the PCR. */
export async function changeStatus(deps: ScoringDeps, tx: Tx, data: PartnerStatusChanged): Promise<void> {
  const status = statusFromWire(data.status);
  if (!status) return;
  const partner = await lockPartner(tx, data.partnerId);
  const when = at(data.changedAt, deps.now());
  if (!isNewer(partner.statusChangedAt, when)) return;
  await tx.partner.update({ where: { id: data.partnerId }, data: { status, statusChangedAt: when } });
}
