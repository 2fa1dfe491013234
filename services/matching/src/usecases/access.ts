import { ForbiddenError, type Principal } from "@tpx/service-kit";

/**
 * Object-level authorization, checked where the data lives: a partner user only ever reaches its own partner's leads,
 * a contractor only its own profile, matches and threads; admins see everything. Calls made with a partner API key
 * also need the right scope.
 */
export function contractorIdFor(principal: Principal, requested: string): string {
  if (principal.role === "admin") return requested;
  if (principal.role === "contractor" && principal.contractorId === requested) return requested;
  throw new ForbiddenError("You can only see your own contractor profile, matches and messages.");
}

/** The contractor id of a contractor caller (tokens carry it as `contractor_id`). */
export function ownContractorId(principal: Principal): string {
  if (principal.role !== "contractor" || !principal.contractorId) {
    throw new ForbiddenError("Only a contractor user has a contractor profile.");
  }
  return principal.contractorId;
}

export function partnerIdFor(principal: Principal, requested: string, scope: "leads:read" | "leads:write"): string {
  if (principal.role === "admin") return requested;
  if (principal.role === "partner" && principal.partnerId === requested) {
    requireScope(principal, scope);
    return requested;
  }
  throw new ForbiddenError("You can only see your own partner's leads.");
}

export function requireScope(principal: Principal, scope: string): void {
  if (principal.scopes && !principal.scopes.includes(scope)) {
    throw new ForbiddenError(`This API key lacks the "${scope}" scope.`);
  }
}
