import type { DescMessage } from "@bufbuild/protobuf";
import t from "tap";
import { SurveyInvitationRequestedSchema } from "../src/gen/tpx/events/v1/survey_pb.ts";
import { ResponseRecordedSchema } from "../src/index.ts";

/** Words that would let a reader tie a response to a person (SPEC §4 step 4: no recipient identity leaves survey). */
const IDENTIFYING_WORDS = new Set([
  "recipient",
  "respondent",
  "user",
  "contact",
  "name",
  "email",
  "mail",
  "phone",
  "mobile",
  "sms",
  "address",
  "token",
  "ip",
  "reference",
]);

/** Every field name of a message and of the messages it contains (well-known types excluded). */
function fieldNames(schema: DescMessage, prefix = ""): string[] {
  return schema.fields.flatMap((field) => {
    const path = `${prefix}${field.name}`;
    const nested = field.message;
    if (nested === undefined || nested.typeName.startsWith("google.protobuf.")) return [path];
    return [path, ...fieldNames(nested, `${path}.`)];
  });
}

function identifyingFields(schema: DescMessage): string[] {
  return fieldNames(schema).filter((path) =>
    path.split(/[._]/).some((word) => IDENTIFYING_WORDS.has(word.toLowerCase())),
  );
}

t.test("response.recorded.v1 is anonymous", async (t) => {
  t.test("no field, at any depth, names the recipient or their contact details", async (t) => {
    t.same(identifyingFields(ResponseRecordedSchema), []);
  });

  t.test("the detector does catch identifying fields (control: the invitation carries them)", async (t) => {
    t.same(identifyingFields(SurveyInvitationRequestedSchema), [
      "recipient_id",
      "partner_name",
      "address",
      "recipient_name",
    ]);
  });

  t.test("the field list is exactly the reviewed one", async (t) => {
    // Adding a field to response.recorded? First make sure it cannot identify the respondent, then list it here.
    t.same(fieldNames(ResponseRecordedSchema), [
      "response_id",
      "campaign_id",
      "partner_id",
      "quarter",
      "audience",
      "template_id",
      "template_version",
      "answers",
      "answers.question_id",
      "answers.category",
      "answers.type",
      "answers.numeric_value",
      "answers.text_value",
      "answers.boolean_value",
      "answers.scale_min",
      "answers.scale_max",
      "consent_to_publish",
      "comment",
      "submitted_at",
    ]);
  });
});
