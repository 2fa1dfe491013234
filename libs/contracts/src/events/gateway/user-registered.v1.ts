import { UserRegisteredSchema, UserRole, UserRoleSchema } from "../../gen/tpx/events/v1/gateway_pb.ts";
import { defineEvent } from "../define-event.ts";

export const userRegisteredV1 = defineEvent({
  type: "user.registered",
  version: 1,
  producer: "gateway",
  description: "A user account was created.",
  schema: UserRegisteredSchema,
  check(data, check) {
    check.required("userId", data.userId);
    check.email("email", data.email);
    check.enumValue("role", data.role, UserRoleSchema);
    check.optional("displayName", data.displayName);
    check.optional("partnerId", data.partnerId);
    if (data.partnerId !== undefined && data.role !== UserRole.PARTNER) {
      check.fail("partnerId is only set for role USER_ROLE_PARTNER");
    }
    check.timestamp("registeredAt", data.registeredAt);
  },
});
