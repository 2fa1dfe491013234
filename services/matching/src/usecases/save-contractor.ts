import { ValidationError } from "@tpx/service-kit";
import type { MatchingDeps } from "../deps.ts";
import {
  type ContractorProfileInput,
  contractorProfileProblems,
  matchingInputsChanged,
} from "../domain/contractor-profile.ts";
import type { Contractor } from "../generated/prisma/client.ts";
import { type RecordedMatch, recordMatch } from "./record-match.ts";

export interface SavedContractor {
  contractor: Contractor;
  created: boolean;
  /** The re-match the change caused; null when no matching input changed. */
  match: RecordedMatch | null;
}

/**
 * Creates or replaces a contractor's profile. When a field the score depends on changed (or the profile is new) the
 * contractor is re-matched in the same transaction, so a saved profile and its matches never disagree.
 */
export async function saveContractor(
  deps: MatchingDeps,
  input: { contractorId: string; profile: ContractorProfileInput },
): Promise<SavedContractor> {
  const profile = normalize(input.profile);
  const problems = contractorProfileProblems(profile);
  if (problems.length > 0) throw new ValidationError(problems);
  return deps.db.$transaction(async (tx) => {
    const before = await tx.contractor.findUnique({ where: { id: input.contractorId } });
    const data = { ...profile, contactPhone: profile.contactPhone ?? null };
    const contractor = await tx.contractor.upsert({
      where: { id: input.contractorId },
      create: { id: input.contractorId, ...data },
      update: data,
    });
    const rematch = before === null || matchingInputsChanged(before, profile);
    const match = rematch ? await recordMatch(deps, tx, contractor, "profile_changed", deps.topN.default) : null;
    return { contractor, created: before === null, match };
  });
}

function normalize(profile: ContractorProfileInput): ContractorProfileInput {
  const unique = (values: string[]) => [...new Set(values.map((value) => value.trim()))];
  return {
    ...profile,
    companyName: profile.companyName.trim(),
    state: profile.state.trim().toUpperCase(),
    focusAreas: unique(profile.focusAreas),
    goals: profile.goals.map((goal) => goal.trim()).filter((goal) => goal.length > 0),
    capabilitiesNeeded: unique(profile.capabilitiesNeeded),
    contactName: profile.contactName.trim(),
    contactEmail: profile.contactEmail.trim().toLowerCase(),
  };
}
