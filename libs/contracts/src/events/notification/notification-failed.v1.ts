import { ChannelSchema } from "../../gen/tpx/events/v1/common_pb.ts";
import { NotificationFailedSchema } from "../../gen/tpx/events/v1/notification_pb.ts";
import { defineEvent } from "../define-event.ts";
import { checkCause } from "./cause.ts";

export const notificationFailedV1 = defineEvent({
  type: "notification.failed",
  version: 1,
  producer: "notification",
  description: "An e-mail or SMS attempt failed; `permanent` tells whether another attempt follows.",
  schema: NotificationFailedSchema,
  check(data, check) {
    check.required("notificationId", data.notificationId);
    check.enumValue("channel", data.channel, ChannelSchema);
    check.required("template", data.template);
    checkCause(check, data);
    check.atLeast("attempts", data.attempts, 1);
    check.required("errorCode", data.errorCode);
    check.required("errorMessage", data.errorMessage);
    check.timestamp("failedAt", data.failedAt);
  },
});
