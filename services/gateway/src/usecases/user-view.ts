import type { User } from "../generated/prisma/client.ts";

/** The fields of a user any caller may see: never the hash, the lockout counters or the company draft. */
export interface UserView {
  id: string;
  email: string;
  role: "admin" | "partner" | "contractor";
  displayName: string | null;
  partnerId: string | null;
  contractorId: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export function roleOf(user: Pick<User, "role">): UserView["role"] {
  return user.role.toLowerCase() as UserView["role"];
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    role: roleOf(user),
    displayName: user.displayName,
    partnerId: user.partnerId,
    contractorId: user.role === "CONTRACTOR" ? user.id : null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
