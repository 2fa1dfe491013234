import fc from "fast-check";
import t from "tap";
import { lockedUntilAfterFailures } from "../../src/domain/login-throttle.ts";

const policy = { backoffAfter: 3, lockoutThreshold: 10, lockoutMinutes: 15 };
const now = new Date("2026-11-26T00:00:00Z");
const waitSeconds = (failures: number) => {
  const until = lockedUntilAfterFailures(policy, failures, now);
  return until ? (until.getTime() - now.getTime()) / 1000 : 0;
};

t.test("lockedUntilAfterFailures", async (t) => {
  t.test("the first failures cost nothing", async (t) => {
    t.same([0, 1, 2].map(waitSeconds), [0, 0, 0]);
  });
  t.test("from the backoff threshold each failure doubles the wait", async (t) => {
    t.same([3, 4, 5, 6].map(waitSeconds), [1, 2, 4, 8]);
  });
  t.test("the lockout threshold locks for the configured minutes", async (t) => {
    t.equal(waitSeconds(10), 15 * 60);
    t.equal(waitSeconds(25), 15 * 60);
  });
  t.test("the wait never shrinks as failures grow", async (t) => {
    t.doesNotThrow(() =>
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 100 }), (failures) => waitSeconds(failures + 1) >= waitSeconds(failures)),
      ),
    );
  });
});
