import type { ConsumerRunner } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import type { SurveyDeps } from "../deps.ts";
import { partnerOnboardingCompletedConsumer } from "./partner-onboarding-completed.consumer.ts";
import { partnerProfileUpdatedConsumer } from "./partner-profile-updated.consumer.ts";
import { partnerRegisteredConsumer } from "./partner-registered.consumer.ts";
import { partnerStatusChangedConsumer } from "./partner-status-changed.consumer.ts";

/** Every event the survey service consumes (all from the partner service). */
export function registerSurveyConsumers(consumers: ConsumerRunner<Tx>, deps: SurveyDeps): void {
  consumers.add(partnerOnboardingCompletedConsumer(deps));
  consumers.add(partnerStatusChangedConsumer());
  consumers.add(partnerRegisteredConsumer());
  consumers.add(partnerProfileUpdatedConsumer());
}
