import { partnerApprovedV1, timestampFromDate } from "@tpx/contracts";
import type { ConsumerDefinition } from "@tpx/messaging";
import { webhookFanoutConsumers } from "../../src/consumers/webhook-fanout-consumers.ts";
import type { Tx } from "../../src/db.ts";

/** Only the fan-out consumer of partner.approved: enough events to test with, one durable instead of twenty. */
export const approvedFanout = () =>
  webhookFanoutConsumers([partnerApprovedV1] as never) as unknown as ConsumerDefinition<Tx, never>[];

export function approved(partnerId: string, slug: string) {
  return partnerApprovedV1.create({
    partnerId,
    slug,
    approvedByUserId: "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6",
    approvedAt: timestampFromDate(new Date()),
  });
}
