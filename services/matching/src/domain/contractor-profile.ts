import { isUsState } from "./regions.ts";
import { isRevenueTier, REVENUE_TIERS } from "./revenue-tiers.ts";

/** Same key shape as the partner service's catalogue (focus areas, capabilities): lower-case words joined by "-". */
export const CATALOG_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ContractorProfileInput {
  companyName: string;
  revenueTier: string;
  state: string;
  focusAreas: string[];
  goals: string[];
  capabilitiesNeeded: string[];
  contactName: string;
  contactEmail: string;
  contactPhone?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Rules a schema cannot state; returns every problem so the contractor can fix them at once. */
export function contractorProfileProblems(input: ContractorProfileInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isRevenueTier(input.revenueTier)) {
    problems.push({ field: "revenueTier", message: `must be one of ${REVENUE_TIERS.join(", ")}` });
  }
  if (!isUsState(input.state)) problems.push({ field: "state", message: "must be a US state code such as TX" });
  for (const [field, keys] of [
    ["focusAreas", input.focusAreas],
    ["capabilitiesNeeded", input.capabilitiesNeeded],
  ] as const) {
    const bad = keys.find((key) => !CATALOG_KEY.test(key));
    if (bad !== undefined) problems.push({ field, message: `"${bad}" is not a catalogue key (e.g. "marketing")` });
  }
  return problems;
}

/** Fields the score depends on; a change to any of them re-matches the contractor. */
export function matchingInputsChanged(before: ContractorProfileInput, after: ContractorProfileInput): boolean {
  const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
  return (
    before.revenueTier !== after.revenueTier ||
    before.state !== after.state ||
    !same(before.focusAreas, after.focusAreas) ||
    !same(before.capabilitiesNeeded, after.capabilitiesNeeded)
  );
}
