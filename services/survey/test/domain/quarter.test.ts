import fc from "fast-check";
import t from "tap";
import { latestDueQuarter, nextQuarterlyRun, quarterlyRunAt, quarterOf } from "../../src/domain/quarter.ts";

t.test("quarters in a time zone", async (t) => {
  t.test("the run is 09:00 local on the first day of the quarter, across DST", async (t) => {
    t.same(quarterlyRunAt("2027-Q1", "America/New_York"), new Date("2027-01-01T14:00:00Z"));
    t.same(quarterlyRunAt("2027-Q2", "America/New_York"), new Date("2027-04-01T13:00:00Z"));
    t.same(quarterlyRunAt("2027-Q3", "Europe/Berlin"), new Date("2027-07-01T07:00:00Z"));
    t.same(quarterlyRunAt("2027-Q4", "UTC"), new Date("2027-10-01T09:00:00Z"));
  });

  t.test("the quarter of a moment depends on the zone", async (t) => {
    t.equal(quarterOf(new Date("2027-01-01T03:00:00Z"), "America/Chicago"), "2026-Q4");
    t.equal(quarterOf(new Date("2027-01-01T03:00:00Z"), "UTC"), "2027-Q1");
  });

  t.test("before 09:00 on the first day the previous quarter is still the due one", async (t) => {
    t.equal(latestDueQuarter(new Date("2027-04-01T12:59:00Z"), "America/New_York"), "2027-Q1");
    t.equal(latestDueQuarter(new Date("2027-04-01T13:00:00Z"), "America/New_York"), "2027-Q2");
  });

  t.test("the due run is never in the future and the next run always is", async () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }),
        fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"),
        (now, zone) => {
          const due = quarterlyRunAt(latestDueQuarter(now, zone), zone);
          const next = nextQuarterlyRun(now, zone).at;
          return due <= now && next > now && next.getTime() - due.getTime() < 93 * 86_400_000;
        },
      ),
    );
  });
});
