import type { ConsumerRunner } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import { addPartnerEventConsumers } from "./partner-events.consumer.ts";
import { pcrUpdatedConsumer } from "./pcr-updated.consumer.ts";

/** Every event the matching service consumes: the partner read model and PCR. */
export function addConsumers(consumers: ConsumerRunner<Tx>): void {
  addPartnerEventConsumers(consumers);
  consumers.add(pcrUpdatedConsumer);
}
