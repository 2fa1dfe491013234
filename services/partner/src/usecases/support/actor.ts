import type { Principal } from "@tpx/service-kit";

/** Who makes a change, as the audit trail and the events record it. */
export interface Actor {
  userId: string | null;
  role: "admin" | "partner" | "system";
}

export const SYSTEM: Actor = { userId: null, role: "system" };

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, role: principal.role === "admin" ? "admin" : "partner" };
}
