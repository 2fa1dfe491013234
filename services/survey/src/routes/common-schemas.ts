import { Type } from "@sinclair/typebox";

/** A timestamp in a response: use cases hand over Dates, the serializer writes ISO 8601. */
export const DateTime = Type.Unsafe<Date>({ type: "string", format: "date-time" });
export const NullableDateTime = Type.Unsafe<Date | null>({
  anyOf: [{ type: "string", format: "date-time" }, { type: "null" }],
});

export const Audience = Type.Union([Type.Literal("CUSTOMER"), Type.Literal("EMPLOYEE")]);

export const QuestionType = Type.Union([
  Type.Literal("scale_0_10"),
  Type.Literal("scale_1_5"),
  Type.Literal("nps"),
  Type.Literal("text"),
  Type.Literal("yes_no"),
]);

export const Quarter = Type.String({ pattern: "^\\d{4}-Q[1-4]$" });
