import type { GatewayDeps } from "../deps.ts";
import { createUser } from "./sign-up.ts";

/** The first admin comes from configuration: created at start when ADMIN_EMAIL is set and no admin exists yet. */
export async function ensureFirstAdmin(deps: GatewayDeps): Promise<"created" | "exists" | "not-configured"> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = deps.config;
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return "not-configured";
  if ((await deps.db.user.count({ where: { role: "ADMIN" } })) > 0) return "exists";
  try {
    await createUser(deps, {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      role: "admin",
      displayName: "Administrator",
    });
  } catch (error) {
    // another replica created it first
    if ((error as { code?: string }).code === "EMAIL_TAKEN") return "exists";
    throw error;
  }
  deps.logger.info({ email: ADMIN_EMAIL }, "first admin account created from configuration");
  return "created";
}
