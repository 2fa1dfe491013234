import { Type } from "@sinclair/typebox";
import { MAX_TEXT_LENGTH } from "../../domain/questions.ts";
import { Audience, DateTime, NullableDateTime, QuestionType } from "../common-schemas.ts";

export const QuestionSchema = Type.Object(
  {
    id: Type.String({ pattern: "^[a-z][a-z0-9_]{0,39}$" }),
    text: Type.String({ minLength: 3, maxLength: 500 }),
    type: QuestionType,
    category: Type.String({ pattern: "^[a-z][a-z0-9_]{0,39}$" }),
    required: Type.Boolean(),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TEXT_LENGTH })),
  },
  { additionalProperties: false },
);

const Questions = Type.Array(QuestionSchema, { minItems: 1, maxItems: 50 });

export const TemplateParams = Type.Object({ id: Type.String({ format: "uuid" }) });

export const TemplateQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const ListTemplatesQuery = Type.Object(
  { audience: Type.Optional(Audience), includeArchived: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const CreateTemplateBody = Type.Object(
  {
    audience: Audience,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    questions: Questions,
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateTemplateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    questions: Type.Optional(Questions),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TemplateResponse = Type.Object({
  id: Type.String(),
  audience: Audience,
  name: Type.String(),
  isDefault: Type.Boolean(),
  currentVersion: Type.Integer(),
  versions: Type.Array(Type.Integer()),
  questions: Type.Array(QuestionSchema),
  createdAt: DateTime,
  updatedAt: DateTime,
  archivedAt: NullableDateTime,
});

export const TemplateListResponse = Type.Object({ items: Type.Array(TemplateResponse) });
