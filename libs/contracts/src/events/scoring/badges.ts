import { type Badge, BadgeKindSchema } from "../../gen/tpx/events/v1/scoring_pb.ts";
import type { PayloadCheck } from "../payload-check.ts";

/** Badges travel in `pcr.updated` and `badge.changed`; both hold a set, so codes are unique. */
export function checkBadges(check: PayloadCheck, path: string, badges: readonly Badge[]): void {
  badges.forEach((badge, index) => {
    check.required(`${path}[${index}].code`, badge.code);
    check.required(`${path}[${index}].label`, badge.label);
    check.enumValue(`${path}[${index}].kind`, badge.kind, BadgeKindSchema);
  });
  check.unique(
    `${path}.code`,
    badges.map((badge) => badge.code),
  );
}
