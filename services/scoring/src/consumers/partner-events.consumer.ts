import {
  partnerOnboardingCompletedV1,
  partnerProfileUpdatedV1,
  partnerRegisteredV1,
  partnerStatusChangedV1,
  partnerTierChangedV1,
} from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { ServicePlatform } from "../app.ts";
import type { Tx } from "../db.ts";
import {
  changeStatus,
  changeTier,
  completeOnboarding,
  registerPartner,
  updateProfile,
} from "../usecases/apply-partner-facts.ts";
import type { ScoringDeps } from "../usecases/deps.ts";

/** One durable consumer per partner event; each applies one fact through its use case. */
export function registerPartnerConsumers(platform: ServicePlatform, deps: ScoringDeps): void {
  const { consumers } = platform;
  consumers.add(
    defineConsumer({ contract: partnerRegisteredV1, handle: (tx: Tx, event) => registerPartner(tx, event.data) }),
  );
  consumers.add(
    defineConsumer({
      contract: partnerOnboardingCompletedV1,
      handle: (tx: Tx, event) => completeOnboarding(deps, tx, event.data),
    }),
  );
  consumers.add(
    defineConsumer({ contract: partnerTierChangedV1, handle: (tx: Tx, event) => changeTier(deps, tx, event.data) }),
  );
  consumers.add(
    defineConsumer({
      contract: partnerProfileUpdatedV1,
      handle: (tx: Tx, event) => updateProfile(deps, tx, event.data),
    }),
  );
  consumers.add(
    defineConsumer({ contract: partnerStatusChangedV1, handle: (tx: Tx, event) => changeStatus(deps, tx, event.data) }),
  );
}
