import { randomUUID } from "node:crypto";
import { timestampFromDate, UserRole, userRegisteredV1 } from "@tpx/contracts";
import { ConflictError, ValidationError } from "@tpx/service-kit";
import type { GatewayDeps } from "../deps.ts";
import { passwordProblems } from "../domain/password-policy.ts";
import type { UserRole as DbUserRole } from "../generated/prisma/client.ts";
import { issueSession, type SessionTokens } from "./issue-session.ts";
import { toUserView, type UserView } from "./user-view.ts";

export interface SignUpInput {
  email: string;
  password: string;
  role: "partner" | "contractor" | "admin";
  displayName?: string | undefined;
  companyName?: string | undefined;
}

const EVENT_ROLE: Record<DbUserRole, UserRole> = {
  ADMIN: UserRole.ADMIN,
  PARTNER: UserRole.PARTNER,
  CONTRACTOR: UserRole.CONTRACTOR,
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates an account and announces it (`user.registered`, in the same transaction). A partner sign-up names its
 * company: the partner service creates the draft partner from the event and answers with `partner.registered`,
 * which attaches the partner id to this user. Admin accounts are created the same way, but only by an admin or
 * from configuration, and get no session.
 */
export async function createUser(
  deps: GatewayDeps,
  input: SignUpInput,
): Promise<{ user: UserView; session?: SessionTokens }> {
  const email = normaliseEmail(input.email);
  const problems = passwordProblems("password", input.password, email);
  if (input.role === "partner" && !input.companyName?.trim()) {
    problems.push({ field: "companyName", message: "is required for a partner account" });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const passwordHash = await deps.hasher.hash(input.password);
  const role = input.role.toUpperCase() as DbUserRole;
  const now = new Date();
  try {
    return await deps.db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          id: randomUUID(),
          email,
          passwordHash,
          role,
          displayName: input.displayName?.trim() || null,
          companyName: role === "PARTNER" ? (input.companyName?.trim() ?? null) : null,
          createdAt: now,
          passwordChangedAt: now,
        },
      });
      const event = userRegisteredV1.create({
        userId: user.id,
        email,
        role: EVENT_ROLE[role],
        registeredAt: timestampFromDate(now),
        ...(user.displayName ? { displayName: user.displayName } : {}),
        ...(user.companyName ? { companyName: user.companyName } : {}),
      });
      await deps.outbox.add(tx, userRegisteredV1, event, { subject: user.id });
      if (role === "ADMIN") return { user: toUserView(user) };
      return { user: toUserView(user), session: await issueSession(deps, tx, user, now) };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new ConflictError("EMAIL_TAKEN", "An account with this e-mail address already exists.");
    }
    throw error;
  }
}
