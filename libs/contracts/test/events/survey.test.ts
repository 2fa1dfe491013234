import t from "tap";
import {
  campaignCreatedV1,
  campaignThresholdReachedV1,
  surveyInvitationRequestedV1 as invitation,
  responseRecordedV1 as response,
} from "../../src/events/index.ts";
import { Audience, Channel } from "../../src/gen/tpx/events/v1/common_pb.ts";
import { InvitationKind, QuestionType } from "../../src/gen/tpx/events/v1/survey_pb.ts";
import { changed, decodeError, REMOVE } from "../helpers/mutate.ts";

t.test("survey.invitation.requested.v1", async (t) => {
  t.test("decodes the channel, kind and audience enums", async (t) => {
    const data = invitation.decode(changed(invitation, {}));
    t.equal(data.channel, Channel.SMS);
    t.equal(data.kind, InvitationKind.REMINDER);
    t.equal(data.audience, Audience.CUSTOMER);
    t.equal(data.reminderNumber, 1);
  });

  t.test("requires a channel, and an address that fits it", async (t) => {
    t.throws(
      () => invitation.decode(changed(invitation, { channel: "CHANNEL_UNSPECIFIED" })),
      decodeError(/channel is required/),
    );
    t.throws(
      () => invitation.decode(changed(invitation, { channel: "CHANNEL_EMAIL" })),
      decodeError(/address must be an e-mail address/),
      "a phone number on the e-mail channel",
    );
    t.ok(invitation.decode(changed(invitation, { channel: "CHANNEL_EMAIL", address: "dana.client@example.com" })));
    t.throws(
      () => invitation.decode(changed(invitation, { address: "dana.client@example.com" })),
      decodeError(/address must be an E\.164 phone number/),
      "an e-mail address on the SMS channel",
    );
  });

  t.test("numbers reminders from 1 and invitations 0", async (t) => {
    t.throws(
      () => invitation.decode(changed(invitation, { reminderNumber: 0 })),
      decodeError(/reminderNumber must be at least 1/),
    );
    t.throws(
      () => invitation.decode(changed(invitation, { kind: "INVITATION_KIND_INVITATION" })),
      decodeError(/reminderNumber must be 0 for an invitation/),
    );
    t.ok(invitation.decode(changed(invitation, { kind: "INVITATION_KIND_INVITATION", reminderNumber: 0 })));
  });

  t.test("requires an absolute http(s) survey URL and an expiry", async (t) => {
    t.throws(() => invitation.decode(changed(invitation, { surveyUrl: "/s/abc" })), decodeError(/surveyUrl must be/));
    t.throws(
      () => invitation.decode(changed(invitation, { surveyUrl: "javascript:alert(1)" })),
      decodeError(/surveyUrl must be/),
    );
    t.ok(invitation.decode(changed(invitation, { surveyUrl: "http://localhost:3000/s/abc" })), "local dev URL");
    t.throws(() => invitation.decode(changed(invitation, { expiresAt: REMOVE })), decodeError(/expiresAt is required/));
  });

  t.test("checks the optional locale and time zone only when present", async (t) => {
    t.ok(invitation.decode(changed(invitation, { locale: REMOVE, timeZone: REMOVE })));
    t.throws(() => invitation.decode(changed(invitation, { timeZone: "Mars/Olympus" })), decodeError(/IANA time zone/));
    t.throws(() => invitation.decode(changed(invitation, { locale: "en_US!" })), decodeError(/BCP 47/));
  });
});

t.test("response.recorded.v1", async (t) => {
  t.test("keeps rated, text and yes/no answers with their scales", async (t) => {
    const data = response.decode(changed(response, {}));
    t.equal(data.answers.length, 5);
    t.match(data.answers[0], { type: QuestionType.RATING, numericValue: 4, scaleMin: 1, scaleMax: 5 });
    t.match(data.answers[2], { type: QuestionType.NPS, numericValue: 9, scaleMin: 0, scaleMax: 10 });
    t.equal(data.answers[3]?.booleanValue, true);
    t.equal(data.answers[4]?.numericValue, undefined, "a text answer has no number");
    t.equal(data.consentToPublish, true);
  });

  t.test("refuses a rating outside its scale or without one", async (t) => {
    t.throws(
      () => response.decode(changed(response, { "answers.0.numericValue": 6 })),
      decodeError(/answers\[0\]\.numericValue must be within \[1, 5\]/),
    );
    t.throws(
      () => response.decode(changed(response, { "answers.1.numericValue": REMOVE })),
      decodeError(/answers\[1\]\.numericValue is required for a rated answer/),
    );
    t.throws(
      () => response.decode(changed(response, { "answers.0.scaleMax": REMOVE })),
      decodeError(/scaleMax are required/),
    );
    t.throws(
      () => response.decode(changed(response, { "answers.0.scaleMin": 5 })),
      decodeError(/scaleMin must be below/),
    );
    t.throws(
      () =>
        response.decode(
          changed(response, { "answers.2.scaleMin": 1, "answers.2.scaleMax": 5, "answers.2.numericValue": 4 }),
        ),
      decodeError(/NPS answer and must use the 0 to 10 scale/),
    );
    t.throws(
      () => response.decode(changed(response, { "answers.0.numericValue": "four" })),
      decodeError(/cannot decode field/),
    );
  });

  t.test("requires the value its question type needs", async (t) => {
    t.throws(
      () => response.decode(changed(response, { "answers.3.booleanValue": REMOVE })),
      decodeError(/answers\[3\]\.booleanValue is required/),
    );
    t.throws(
      () => response.decode(changed(response, { "answers.4.textValue": REMOVE })),
      decodeError(/answers\[4\]\.textValue is required/),
    );
    t.throws(
      () => response.decode(changed(response, { "answers.4.type": "QUESTION_TYPE_UNSPECIFIED" })),
      decodeError(/answers\[4\]\.type is required/),
    );
  });

  t.test("refuses no answers, a question answered twice, a bad quarter, no audience", async (t) => {
    t.throws(() => response.decode(changed(response, { answers: [] })), decodeError(/answers needs at least 1/));
    t.throws(
      () => response.decode(changed(response, { "answers.1.questionId": "q-overall" })),
      decodeError(/answers\.questionId contains "q-overall" twice/),
    );
    t.throws(() => response.decode(changed(response, { quarter: "2026-Q5" })), decodeError(/quarter must look like/));
    t.throws(() => response.decode(changed(response, { audience: REMOVE })), decodeError(/audience is required/));
  });

  t.test("a response without comment and consent is fine", async (t) => {
    const data = response.decode(changed(response, { comment: REMOVE, consentToPublish: false }));
    t.equal(data.comment, undefined);
    t.equal(data.consentToPublish, false);
  });
});

t.test("campaign events", async (t) => {
  t.throws(
    () => campaignCreatedV1.decode(changed(campaignCreatedV1, { closesAt: "2026-09-01T00:00:00Z" })),
    decodeError(/closesAt must be after createdAt/),
  );
  t.throws(
    () => campaignCreatedV1.decode(changed(campaignCreatedV1, { templateVersion: 0 })),
    decodeError(/templateVersion must be at least 1/),
  );
  t.throws(
    () => campaignThresholdReachedV1.decode(changed(campaignThresholdReachedV1, { responseCount: 4 })),
    decodeError(/responseCount must be at least 5/),
  );
});
