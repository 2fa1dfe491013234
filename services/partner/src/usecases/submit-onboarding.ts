import { partnerOnboardingCompletedV1, timestampFromDate } from "@tpx/contracts";
import { HttpProblem, type Principal } from "@tpx/service-kit";
import { computeCompletion } from "../domain/completion.ts";
import { ONBOARDING_STEPS } from "../domain/onboarding-steps.ts";
import { loadPartner } from "../repositories/partner-record.ts";
import { type PartnerView, partnerView } from "./partner-view.ts";
import { partnerFor } from "./support/access.ts";
import { actorOf } from "./support/actor.ts";
import type { Deps } from "./support/deps.ts";
import { protoTier } from "./support/events.ts";
import { assertTransition, transition } from "./support/transition.ts";

/**
 * Submits onboarding after all 8 steps: the partner becomes SUBMITTED (waiting for an admin) and
 * `partner.onboarding.completed` carries its 5 + 5 references to the survey service, through the outbox.
 */
export async function submitOnboarding(deps: Deps, principal: Principal, partnerId: string): Promise<PartnerView> {
  return deps.db.$transaction(async (tx) => {
    const { row, state } = await partnerFor(tx, principal, partnerId, { lock: true });
    assertTransition(state.status, "SUBMITTED");
    const incomplete = ONBOARDING_STEPS.filter((step) => !state.completedSteps.includes(step.number));
    if (incomplete.length > 0) {
      throw new HttpProblem(
        409,
        "ONBOARDING_INCOMPLETE",
        "Onboarding is incomplete",
        `Steps still incomplete: ${incomplete.map((step) => `${step.number} (${step.name})`).join(", ")}.`,
        { incompleteSteps: incomplete.map((step) => ({ number: step.number, name: step.name })) },
      );
    }
    const now = new Date();
    await transition(deps, tx, {
      partnerId,
      from: state.status,
      to: "SUBMITTED",
      actor: actorOf(principal),
      action: "onboarding.submit",
      at: now,
      extra: { submittedAt: now },
    });
    const byAudience = (audience: "CUSTOMER" | "EMPLOYEE") =>
      row.references
        .filter((reference) => reference.audience === audience)
        .sort((a, b) => a.position - b.position)
        .map((reference) => ({
          referenceId: reference.id,
          name: reference.name,
          company: reference.company,
          email: reference.email,
          ...(reference.phone ? { phone: reference.phone } : {}),
        }));
    await deps.outbox.add(
      tx,
      partnerOnboardingCompletedV1,
      partnerOnboardingCompletedV1.create({
        partnerId,
        slug: state.slug,
        companyName: state.companyName,
        paymentTier: protoTier(state.paymentTier),
        profileCompletion: computeCompletion(state).percent,
        focusAreas: state.focusAreas,
        customerReferences: byAudience("CUSTOMER"),
        employeeReferences: byAudience("EMPLOYEE"),
        completedAt: timestampFromDate(now),
      }),
      { subject: partnerId },
    );
    return partnerView((await loadPartner(tx, partnerId))!);
  });
}
