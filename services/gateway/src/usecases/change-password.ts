import { UnauthorizedError, ValidationError } from "@tpx/service-kit";
import type { GatewayDeps } from "../deps.ts";
import { passwordProblems } from "../domain/password-policy.ts";

/** A new password ends every session of the user, this one included: they log in again with it. */
export async function changePassword(
  deps: GatewayDeps,
  input: { userId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { id: input.userId } });
  if (!user) throw new UnauthorizedError();
  const problems = passwordProblems("newPassword", input.newPassword, user.email);
  if (problems.length > 0) throw new ValidationError(problems);
  if (!(await deps.hasher.verify(user.passwordHash, input.currentPassword))) {
    throw new ValidationError([{ field: "currentPassword", message: "is wrong" }]);
  }
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = new Date();
  const revoked = await deps.db.$transaction(async (tx) => {
    const families = await tx.tokenFamily.findMany({
      where: { userId: user.id, revokedAt: null },
      select: { id: true },
    });
    await tx.tokenFamily.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: "password_change" },
    });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    return families.map((family) => family.id);
  });
  await deps.revocations.revokeSessions(revoked);
}
