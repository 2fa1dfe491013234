import type { ServicePlatform } from "../app.ts";
import { pcrUpdatedConsumer } from "./pcr-updated.consumer.ts";
import { responseRecordedConsumer } from "./response-recorded.consumer.ts";
import { userRegisteredConsumer } from "./user-registered.consumer.ts";

/** Every event the partner service consumes. */
export function registerConsumers(platform: ServicePlatform): void {
  platform.consumers.add(userRegisteredConsumer(platform));
  platform.consumers.add(pcrUpdatedConsumer);
  platform.consumers.add(responseRecordedConsumer);
}
