import type { ServicePlatform } from "../app.ts";
import type { ScoringDeps } from "../usecases/deps.ts";
import { registerPartnerConsumers } from "./partner-events.consumer.ts";
import { responseRecordedConsumer } from "./response-recorded.consumer.ts";

export function registerConsumers(platform: ServicePlatform, deps: ScoringDeps): void {
  platform.consumers.add(responseRecordedConsumer(deps));
  registerPartnerConsumers(platform, deps);
}
