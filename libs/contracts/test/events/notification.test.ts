import t from "tap";
import {
  notificationFailedV1,
  notificationSentV1,
  userRegisteredV1,
  webhookDeliveredV1,
  webhookFailedV1,
} from "../../src/events/index.ts";
import { changed, decodeError, REMOVE } from "../helpers/mutate.ts";

t.test("notification events", async (t) => {
  t.throws(
    () => notificationSentV1.decode(changed(notificationSentV1, { causeEventType: REMOVE })),
    decodeError(/causeEventId and causeEventType come together/),
  );
  t.ok(notificationSentV1.decode(changed(notificationSentV1, { causeEventType: REMOVE, causeEventId: REMOVE })));
  t.throws(
    () => notificationSentV1.decode(changed(notificationSentV1, { attempts: 0 })),
    decodeError(/attempts must be at least 1/),
  );
  t.throws(
    () => notificationFailedV1.decode(changed(notificationFailedV1, { errorCode: "" })),
    decodeError(/errorCode is required/),
  );
});

t.test("webhook events", async (t) => {
  t.throws(
    () => webhookDeliveredV1.decode(changed(webhookDeliveredV1, { responseStatus: 500 })),
    decodeError(/responseStatus must be within \[200, 299\]/),
  );
  t.ok(webhookFailedV1.decode(changed(webhookFailedV1, { responseStatus: REMOVE })), "no answer at all");
  t.throws(
    () => webhookFailedV1.decode(changed(webhookFailedV1, { responseStatus: 42 })),
    decodeError(/responseStatus must be within \[100, 599\]/),
  );
});

t.test("user.registered.v1", async (t) => {
  t.throws(
    () => userRegisteredV1.decode(changed(userRegisteredV1, { role: "USER_ROLE_CONTRACTOR" })),
    decodeError(/partnerId is only set for role USER_ROLE_PARTNER/),
  );
  t.ok(userRegisteredV1.decode(changed(userRegisteredV1, { role: "USER_ROLE_CONTRACTOR", partnerId: REMOVE })));
  t.throws(
    () => userRegisteredV1.decode(changed(userRegisteredV1, { email: "not-an-address" })),
    decodeError(/email must be an e-mail address/),
  );
});
