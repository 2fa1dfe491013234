import { partnerOnboardingCompletedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import type { SurveyDeps } from "../deps.ts";
import { startPreOnboardingCampaign } from "../usecases/start-pre-onboarding-campaign.ts";

export function partnerOnboardingCompletedConsumer(deps: SurveyDeps) {
  return defineConsumer<Tx, ReturnType<typeof partnerOnboardingCompletedV1.decode>>({
    contract: partnerOnboardingCompletedV1,
    handle: async (tx, event) => {
      const result = await startPreOnboardingCampaign(tx, deps, event.data);
      deps.logger.info({ partnerId: event.data.partnerId, outcome: result.outcome }, "pre-onboarding campaign");
    },
  });
}
