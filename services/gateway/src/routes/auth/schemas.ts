import { Type } from "@sinclair/typebox";

const Email = Type.String({ format: "email", maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: 128 });

export const UserSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  email: Type.String(),
  role: Type.Union([Type.Literal("admin"), Type.Literal("partner"), Type.Literal("contractor")]),
  displayName: Type.Union([Type.String(), Type.Null()]),
  partnerId: Type.Union([Type.String(), Type.Null()]),
  contractorId: Type.Union([Type.String(), Type.Null()]),
  lastLoginAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});

export const SessionSchema = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal("Bearer"),
  expiresIn: Type.Integer({ description: "seconds" }),
  refreshToken: Type.String({ description: "opaque; also set as an HttpOnly cookie for the portal" }),
  refreshExpiresAt: Type.String({ format: "date-time" }),
});

export const SignUpBody = Type.Object(
  {
    email: Email,
    password: Password,
    role: Type.Union([Type.Literal("partner"), Type.Literal("contractor")]),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });

export const RefreshBody = Type.Object(
  { refreshToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

export const PasswordChangeBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const AuthResult = Type.Object({ user: UserSchema, session: SessionSchema });
