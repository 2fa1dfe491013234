import t from "tap";
import {
  partnerOnboardingCompletedV1 as onboarding,
  partnerProfileUpdatedV1,
  partnerStatusChangedV1,
  partnerTierChangedV1,
} from "../../src/events/index.ts";
import { PaymentTier } from "../../src/gen/tpx/events/v1/common_pb.ts";
import { changed, decodeError, REMOVE } from "../helpers/mutate.ts";

t.test("partner.onboarding.completed.v1", async (t) => {
  t.test("carries 5 customer and 5 employee references with contact details", async (t) => {
    const data = onboarding.decode(changed(onboarding, {}));
    t.equal(data.customerReferences.length, 5);
    t.equal(data.employeeReferences.length, 5);
    t.equal(data.paymentTier, PaymentTier.VERIFIED);
    t.equal(data.customerReferences[3]?.phone, undefined, "a reference without phone keeps it absent");
    t.match(data.customerReferences[0], { name: "Dana Whitfield", email: /@/, phone: /^\+1/ });
  });

  t.test("refuses anything but exactly 5 references per audience", async (t) => {
    t.throws(
      () => onboarding.decode(changed(onboarding, { "customerReferences.4": REMOVE })),
      decodeError(/customerReferences must hold exactly 5 references, got 4/),
    );
    const six = changed(onboarding, {});
    (six.employeeReferences as unknown[]).push({ ...(six.employeeReferences as object[])[0], referenceId: "x6" });
    t.throws(() => onboarding.decode(six), decodeError(/employeeReferences must hold exactly 5 references, got 6/));
  });

  t.test("refuses bad contact details", async (t) => {
    t.throws(
      () => onboarding.decode(changed(onboarding, { "customerReferences.0.email": "dana at example" })),
      decodeError(/customerReferences\[0\]\.email must be an e-mail address/),
    );
    t.throws(
      () => onboarding.decode(changed(onboarding, { "employeeReferences.2.phone": "555-0101" })),
      decodeError(/employeeReferences\[2\]\.phone must be an E\.164 phone number/),
    );
    t.throws(
      () => onboarding.decode(changed(onboarding, { "employeeReferences.1.name": "" })),
      decodeError(/employeeReferences\[1\]\.name is required/),
    );
    t.throws(
      () => onboarding.decode(changed(onboarding, { "customerReferences.2.referenceId": REMOVE })),
      decodeError(/customerReferences\[2\]\.referenceId is required/),
    );
  });

  t.test("refuses a reference id used twice", async (t) => {
    const data = changed(onboarding, {});
    const first = (data.customerReferences as { referenceId: string }[])[0]!.referenceId;
    const employees = data.employeeReferences as { referenceId: string }[];
    employees[0]!.referenceId = first;
    t.throws(() => onboarding.decode(data), decodeError(/referenceId contains .* twice/));
  });

  t.test("refuses an unset tier, an out-of-range completion, a bad slug, no focus area", async (t) => {
    t.throws(
      () => onboarding.decode(changed(onboarding, { paymentTier: REMOVE })),
      decodeError(/paymentTier is required/),
    );
    t.throws(
      () => onboarding.decode(changed(onboarding, { profileCompletion: 100.5 })),
      decodeError(/profileCompletion must be within \[0, 100\]/),
    );
    t.throws(() => onboarding.decode(changed(onboarding, { slug: "Acme Roofing" })), decodeError(/slug must be/));
    t.throws(
      () => onboarding.decode(changed(onboarding, { focusAreas: [] })),
      decodeError(/focusAreas needs at least 1/),
    );
  });
});

t.test("partner.status_changed.v1 and partner.tier.changed.v1 describe a real change", async (t) => {
  t.ok(
    partnerStatusChangedV1.decode(changed(partnerStatusChangedV1, { previousStatus: "PARTNER_STATUS_UNSPECIFIED" })),
  );
  t.throws(
    () => partnerStatusChangedV1.decode(changed(partnerStatusChangedV1, { status: "PARTNER_STATUS_SUBMITTED" })),
    decodeError(/status must differ from previousStatus/),
  );
  t.throws(
    () => partnerTierChangedV1.decode(changed(partnerTierChangedV1, { tier: "PAYMENT_TIER_VERIFIED" })),
    decodeError(/tier must differ from previousTier/),
  );
  t.throws(
    () => partnerTierChangedV1.decode(changed(partnerTierChangedV1, { previousTier: "PAYMENT_TIER_UNSPECIFIED" })),
    decodeError(/previousTier is required/),
  );
});

t.test("partner.profile.updated.v1 names what changed", async (t) => {
  t.throws(
    () => partnerProfileUpdatedV1.decode(changed(partnerProfileUpdatedV1, { changedFields: [] })),
    decodeError(/changedFields needs at least 1/),
  );
  t.throws(
    () => partnerProfileUpdatedV1.decode(changed(partnerProfileUpdatedV1, { "serviceRegions.1": "" })),
    decodeError(/serviceRegions\[1\] is required/),
  );
});
