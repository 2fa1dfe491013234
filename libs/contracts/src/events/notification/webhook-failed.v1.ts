import { WebhookFailedSchema } from "../../gen/tpx/events/v1/notification_pb.ts";
import { defineEvent } from "../define-event.ts";

export const webhookFailedV1 = defineEvent({
  type: "webhook.failed",
  version: 1,
  producer: "notification",
  description: "A webhook delivery attempt failed; `permanent` tells whether another attempt follows.",
  schema: WebhookFailedSchema,
  check(data, check) {
    check.required("deliveryId", data.deliveryId);
    check.required("subscriptionId", data.subscriptionId);
    check.optional("partnerId", data.partnerId);
    check.required("eventId", data.eventId);
    check.required("eventType", data.eventType);
    if (data.responseStatus !== undefined) check.range("responseStatus", data.responseStatus, 100, 599);
    check.atLeast("attempts", data.attempts, 1);
    check.required("errorMessage", data.errorMessage);
    check.timestamp("failedAt", data.failedAt);
  },
});
