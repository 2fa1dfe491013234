import t from "tap";
import { canTransition, PARTNER_STATUSES } from "../../src/domain/lifecycle.ts";

t.test("canTransition", async (t) => {
  const legal = [
    "DRAFT>SUBMITTED",
    "SUBMITTED>APPROVED",
    "SUBMITTED>REJECTED",
    "APPROVED>ACTIVE",
    "ACTIVE>INACTIVE",
    "INACTIVE>ACTIVE",
  ];
  for (const from of PARTNER_STATUSES) {
    for (const to of PARTNER_STATUSES) {
      t.equal(canTransition(from, to), legal.includes(`${from}>${to}`), `${from} → ${to}`);
    }
  }
});
