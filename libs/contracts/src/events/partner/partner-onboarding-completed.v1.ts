import { PaymentTierSchema } from "../../gen/tpx/events/v1/common_pb.ts";
import { PartnerOnboardingCompletedSchema, type PartnerReference } from "../../gen/tpx/events/v1/partner_pb.ts";
import { defineEvent } from "../define-event.ts";
import type { PayloadCheck } from "../payload-check.ts";

/** Onboarding asks for exactly this many customer and this many employee references (SPEC §4 step 1). */
export const REFERENCES_PER_AUDIENCE = 5;

function checkReferences(check: PayloadCheck, path: string, references: readonly PartnerReference[]): void {
  if (references.length !== REFERENCES_PER_AUDIENCE) {
    check.fail(`${path} must hold exactly ${REFERENCES_PER_AUDIENCE} references, got ${references.length}`);
  }
  references.forEach((reference, index) => {
    const at = `${path}[${index}]`;
    check.required(`${at}.referenceId`, reference.referenceId);
    check.required(`${at}.name`, reference.name);
    check.required(`${at}.company`, reference.company);
    check.email(`${at}.email`, reference.email);
    if (reference.phone !== undefined) check.phone(`${at}.phone`, reference.phone);
  });
}

export const partnerOnboardingCompletedV1 = defineEvent({
  type: "partner.onboarding.completed",
  version: 1,
  producer: "partner",
  description: "The partner finished onboarding step 8; carries its 5 customer and 5 employee references.",
  schema: PartnerOnboardingCompletedSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    check.slug("slug", data.slug);
    check.required("companyName", data.companyName);
    check.enumValue("paymentTier", data.paymentTier, PaymentTierSchema);
    check.range("profileCompletion", data.profileCompletion, 0, 100);
    check.strings("focusAreas", data.focusAreas, 1);
    checkReferences(check, "customerReferences", data.customerReferences);
    checkReferences(check, "employeeReferences", data.employeeReferences);
    const all = [...data.customerReferences, ...data.employeeReferences];
    check.unique(
      "referenceId",
      all.map((reference) => reference.referenceId),
    );
    check.timestamp("completedAt", data.completedAt);
  },
});
