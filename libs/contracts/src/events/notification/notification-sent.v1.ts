import { ChannelSchema } from "../../gen/tpx/events/v1/common_pb.ts";
import { NotificationSentSchema } from "../../gen/tpx/events/v1/notification_pb.ts";
import { defineEvent } from "../define-event.ts";
import { checkCause } from "./cause.ts";

export const notificationSentV1 = defineEvent({
  type: "notification.sent",
  version: 1,
  producer: "notification",
  description: "An e-mail or SMS was handed to the provider.",
  schema: NotificationSentSchema,
  check(data, check) {
    check.required("notificationId", data.notificationId);
    check.enumValue("channel", data.channel, ChannelSchema);
    check.required("template", data.template);
    checkCause(check, data);
    check.optional("providerMessageId", data.providerMessageId);
    check.atLeast("attempts", data.attempts, 1);
    check.timestamp("sentAt", data.sentAt);
  },
});
