import { ForbiddenError, principalOf } from "@tpx/service-kit";
import type { FastifyRequest } from "fastify";

/** Admins read any partner's analytics; a partner user only its own partner's (object-level check). */
export function assertCanRead(request: FastifyRequest, partnerId: string): void {
  const principal = principalOf(request);
  if (principal.role === "admin") return;
  if (principal.role === "partner" && principal.partnerId === partnerId) return;
  throw new ForbiddenError("You can only read your own partner's analytics.");
}
