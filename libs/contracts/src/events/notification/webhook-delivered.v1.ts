import { WebhookDeliveredSchema } from "../../gen/tpx/events/v1/notification_pb.ts";
import { defineEvent } from "../define-event.ts";

export const webhookDeliveredV1 = defineEvent({
  type: "webhook.delivered",
  version: 1,
  producer: "notification",
  description: "An event was delivered to a webhook subscription (the endpoint answered 2xx).",
  schema: WebhookDeliveredSchema,
  check(data, check) {
    check.required("deliveryId", data.deliveryId);
    check.required("subscriptionId", data.subscriptionId);
    check.optional("partnerId", data.partnerId);
    check.required("eventId", data.eventId);
    check.required("eventType", data.eventType);
    check.range("responseStatus", data.responseStatus, 200, 299);
    check.atLeast("attempts", data.attempts, 1);
    check.timestamp("deliveredAt", data.deliveredAt);
  },
});
