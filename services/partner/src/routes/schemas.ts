import { Type } from "@sinclair/typebox";

/** Schemas shared by the partner, onboarding and admin routes. Bodies refuse unknown fields (400 naming them). */
export const Strict = { additionalProperties: false } as const;

export const PartnerIdParams = Type.Object({ id: Type.String({ format: "uuid" }) }, Strict);

export const CatalogKey = Type.String({ pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", maxLength: 50 });
export const Status = Type.Union([
  Type.Literal("DRAFT"),
  Type.Literal("SUBMITTED"),
  Type.Literal("APPROVED"),
  Type.Literal("ACTIVE"),
  Type.Literal("INACTIVE"),
  Type.Literal("REJECTED"),
]);
export const Tier = Type.Union([Type.Literal("FREE"), Type.Literal("VERIFIED"), Type.Literal("GOLD")]);

const Text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });

export const AddressSchema = Type.Object(
  {
    street: Text(200),
    city: Text(100),
    state: Text(50),
    postalCode: Text(20),
    country: Type.String({ pattern: "^[A-Za-z]{2}$" }),
  },
  Strict,
);

export const CapabilitySchema = Type.Object(
  { key: CatalogKey, name: Text(100), description: Type.Optional(Text(1000, 0)) },
  Strict,
);

export const VideoInput = Type.Object({ title: Text(200), url: Text(500) }, Strict);

export const ReferenceInput = Type.Object(
  { name: Text(200), company: Text(200), email: Text(320), phone: Type.Optional(Text(40, 0)) },
  Strict,
);

export const CapabilityList = Type.Array(CapabilitySchema, { maxItems: 20 });
export const RegionList = Type.Array(Text(10), { maxItems: 52 });
export const VideoList = Type.Array(VideoInput, { maxItems: 5 });

/** Every profile field, each optional (partial saves); the steps and the edit routes pick from these. */
export const profileFields = {
  companyName: Type.Optional(Text(200)),
  website: Type.Optional(Text(500)),
  description: Type.Optional(Text(5000, 0)),
  logoUrl: Type.Optional(Text(500)),
  contactEmail: Type.Optional(Text(320)),
  contactPhone: Type.Optional(Text(40)),
  address: Type.Optional(AddressSchema),
  capabilities: Type.Optional(CapabilityList),
  focusAreas: Type.Optional(Type.Array(CatalogKey, { maxItems: 20 })),
  revenueTiers: Type.Optional(Type.Array(CatalogKey, { maxItems: 10 })),
  serviceRegions: Type.Optional(RegionList),
  videos: Type.Optional(VideoList),
};

export const ProfileEditBody = Type.Object(profileFields, { ...Strict, minProperties: 1 });

const Json = Type.Unknown();
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PartnerViewSchema = Type.Object({
  id: Type.String(),
  status: Status,
  slug: Type.String(),
  paymentTier: Tier,
  ownerUserId: NullableString,
  companyName: Type.String(),
  website: NullableString,
  description: NullableString,
  logoUrl: NullableString,
  contactEmail: NullableString,
  contactPhone: NullableString,
  address: Json,
  capabilities: Json,
  focusAreas: Type.Array(Type.String()),
  revenueTiers: Type.Array(Type.String()),
  serviceRegions: Type.Array(Type.String()),
  videos: Json,
  customerReferences: Json,
  employeeReferences: Json,
  profileCompletion: Type.Integer(),
  missing: Type.Array(Type.Object({ field: Type.String(), have: Type.Integer(), need: Type.Integer() })),
  onboarding: Type.Object({
    currentStep: Type.Union([Type.Integer(), Type.Null()]),
    completedSteps: Type.Array(Type.Integer()),
    steps: Type.Array(Type.Object({ number: Type.Integer(), name: Type.String(), complete: Type.Boolean() })),
  }),
  pcrScore: Type.Union([Type.Number(), Type.Null()]),
  rejectionReason: NullableString,
  submittedAt: NullableString,
  approvedAt: NullableString,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ProblemSchema = Type.Object(
  { status: Type.Integer(), code: Type.String() },
  { additionalProperties: true },
);
