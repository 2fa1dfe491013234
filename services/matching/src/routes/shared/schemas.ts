import { type TSchema, Type } from "@sinclair/typebox";

export const Uuid = Type.String({ format: "uuid" });
/** Handlers return Date objects; the serializer writes them as ISO 8601 strings. */
export const DateTime = Type.Unsafe<Date | string>({ type: "string", format: "date-time" });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** The stages of domain/lead-pipeline.ts. */
export const LeadStage = Type.Union([
  Type.Literal("new"),
  Type.Literal("contacted"),
  Type.Literal("meeting_scheduled"),
  Type.Literal("proposal"),
  Type.Literal("won"),
  Type.Literal("lost"),
]);
export const Components = Type.Object({
  focus: Type.Number(),
  revenue: Type.Number(),
  geography: Type.Number(),
  capability: Type.Number(),
});
export const PartnerRef = Type.Object({ slug: Type.String(), companyName: Type.String() });

/** A date-time a client sends (query strings). */
export const DateTimeInput = Type.String({ format: "date-time" });
