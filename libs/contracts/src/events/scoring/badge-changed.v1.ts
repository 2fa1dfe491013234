import { BadgeChangedSchema } from "../../gen/tpx/events/v1/scoring_pb.ts";
import { defineEvent } from "../define-event.ts";
import { checkBadges } from "./badges.ts";

export const badgeChangedV1 = defineEvent({
  type: "badge.changed",
  version: 1,
  producer: "scoring",
  description: "The set of badges a partner holds changed.",
  schema: BadgeChangedSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    checkBadges(check, "badges", data.badges);
    check.strings("addedCodes", data.addedCodes);
    check.strings("removedCodes", data.removedCodes);
    if (data.addedCodes.length + data.removedCodes.length === 0)
      check.fail("addedCodes or removedCodes must list a change");
    const held = new Set(data.badges.map((badge) => badge.code));
    for (const code of data.addedCodes) if (!held.has(code)) check.fail(`added badge ${code} is missing from badges`);
    for (const code of data.removedCodes) if (held.has(code)) check.fail(`removed badge ${code} is still in badges`);
    check.timestamp("changedAt", data.changedAt);
  },
});
