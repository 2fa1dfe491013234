/** Partner lifecycle (issue 3): draft → submitted → approved → active ↔ inactive, or submitted → rejected. */
export const PARTNER_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "ACTIVE", "INACTIVE", "REJECTED"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

const ALLOWED: Record<PartnerStatus, readonly PartnerStatus[]> = {
  DRAFT: ["SUBMITTED"],
  SUBMITTED: ["APPROVED", "REJECTED"],
  APPROVED: ["ACTIVE"],
  ACTIVE: ["INACTIVE"],
  INACTIVE: ["ACTIVE"],
  // Terminal: a rejected application stays rejected (an admin may delete it).
  REJECTED: [],
};

export function canTransition(from: PartnerStatus, to: PartnerStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function allowedTransitions(from: PartnerStatus): readonly PartnerStatus[] {
  return ALLOWED[from];
}

/** Statuses whose public page and directory entry exist. */
export const PUBLIC_STATUSES: readonly PartnerStatus[] = ["APPROVED", "ACTIVE"];

export function isPublic(status: PartnerStatus): boolean {
  return PUBLIC_STATUSES.includes(status);
}
