import { ConflictError, type Principal, ValidationError } from "@tpx/service-kit";
import { type StepName, stepNumber } from "../domain/onboarding-steps.ts";
import type { PaymentTier, Reference } from "../domain/profile.ts";
import { type ProfileInput, validateProfileInput } from "../domain/profile-patch.ts";
import { validateReferences } from "../domain/references.ts";
import { loadPartner } from "../repositories/partner-record.ts";
import { type PartnerView, partnerView } from "./partner-view.ts";
import { partnerFor } from "./support/access.ts";
import { actorOf } from "./support/actor.ts";
import { applyProfileChange, type ProfileChange } from "./support/apply-profile-change.ts";
import type { Deps } from "./support/deps.ts";

export type StepInput = ProfileInput & { references?: Reference[]; paymentTier?: PaymentTier };

function changeFor(step: StepName, input: StepInput, others: { customer: Reference[]; employee: Reference[] }) {
  if (step === "customer-references" || step === "employee-references") {
    const customer = step === "customer-references";
    const { references, problems } = validateReferences(
      input.references ?? [],
      customer ? others.employee : others.customer,
    );
    const change: ProfileChange = customer
      ? { patch: {}, customerReferences: references }
      : { patch: {}, employeeReferences: references };
    return { change, problems };
  }
  if (step === "payment-tier") {
    return { change: { patch: {}, ...(input.paymentTier ? { paymentTier: input.paymentTier } : {}) }, problems: [] };
  }
  const { patch, problems } = validateProfileInput(input);
  return { change: { patch } as ProfileChange, problems };
}

/**
 * Saves one onboarding step (partial saves allowed: absent fields keep their value). The step is validated on its
 * own; any problem refuses the whole save with every field named, and nothing is stored.
 */
export async function saveOnboardingStep(
  deps: Deps,
  principal: Principal,
  partnerId: string,
  step: StepName,
  input: StepInput,
): Promise<PartnerView> {
  return deps.db.$transaction(async (tx) => {
    const loaded = await partnerFor(tx, principal, partnerId, { lock: true });
    if (loaded.state.status !== "DRAFT") {
      throw new ConflictError(
        "ONBOARDING_CLOSED",
        `Onboarding was already submitted (status ${loaded.state.status}); edit the profile instead.`,
      );
    }
    const { change, problems } = changeFor(step, input, {
      customer: loaded.state.customerReferences,
      employee: loaded.state.employeeReferences,
    });
    if (problems.length > 0) throw new ValidationError(problems);
    await applyProfileChange(
      deps,
      tx,
      loaded,
      { ...change, savedStep: stepNumber(step) },
      actorOf(principal),
      `onboarding.${step}`,
    );
    const reloaded = await loadPartner(tx, partnerId);
    return partnerView(reloaded!);
  });
}
