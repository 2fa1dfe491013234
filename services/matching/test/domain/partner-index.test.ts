import fc from "fast-check";
import t from "tap";
import { componentsOf, weightedScore } from "../../src/domain/match-score.ts";
import { compareRanked } from "../../src/domain/ranking.ts";
import { PartnerIndex, type PartnerRow } from "../../src/matcher/partner-index.ts";
import { needsOf } from "../../src/usecases/rank-partners.ts";
import { assertProperty } from "../property.ts";

const AREAS = ["marketing", "operations", "finance", "hiring", "sales"];
const row = (id: number, fields: Partial<PartnerRow>): PartnerRow => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
  slug: `p${id}`,
  companyName: `P${id}`,
  status: "active",
  focusAreas: [],
  revenueTiers: [],
  serviceRegions: [],
  capabilities: [],
  pcrScore: null,
  ...fields,
});

t.test("partner index", async (t) => {
  t.test("returns the same top N as scoring and sorting every matchable partner", async (t) => {
    const arbRow = fc.record({
      status: fc.constantFrom("active", "approved", "inactive", "draft"),
      focusAreas: fc.subarray(AREAS),
      revenueTiers: fc.subarray(["1m-5m", "5m-10m", "10m-25m"]),
      serviceRegions: fc.subarray(["TX", "CA", "national", "US-TX"]),
      capabilities: fc.subarray(["crm", "seo"]),
      pcrScore: fc.option(fc.integer({ min: 0, max: 3 })),
    });
    const contractor = fc.record({
      focusAreas: fc.subarray(AREAS, { minLength: 1 }),
      capabilitiesNeeded: fc.subarray(["crm", "seo"]),
      revenueTier: fc.constantFrom("1m-5m", "10m-25m"),
      state: fc.constantFrom("TX", "CA"),
    });
    assertProperty(
      t,
      fc.property(fc.array(arbRow, { maxLength: 40 }), contractor, fc.integer({ min: 1, max: 8 }), (rows, c, n) => {
        const index = new PartnerIndex();
        const partners = rows.map((fields, i) => row(i, fields));
        for (const partner of partners) index.apply(partner);
        const needs = needsOf(c);
        const expected = partners
          .filter(
            (p) => ["active", "approved"].includes(p.status) && p.focusAreas.some((a) => c.focusAreas.includes(a)),
          )
          .map((p) => {
            const indexed = index.get(p.id);
            if (!indexed) throw new Error("matchable partner missing from the index");
            return { partnerId: p.id, score: weightedScore(componentsOf(needs, indexed)), pcrScore: p.pcrScore };
          })
          .sort(compareRanked);
        const { ranked, eligible } = index.top(needs, n);
        return (
          eligible === expected.length &&
          JSON.stringify(ranked.map((r) => r.partnerId)) ===
            JSON.stringify(expected.slice(0, n).map((r) => r.partnerId))
        );
      }),
    );
  });

  t.test("drops a partner that stops being matchable and breaks score ties by PCR", async (t) => {
    const index = new PartnerIndex();
    index.apply(row(1, { focusAreas: ["sales"], pcrScore: 70 }));
    index.apply(row(2, { focusAreas: ["sales"], pcrScore: 90 }));
    index.apply(row(3, { focusAreas: ["sales"], pcrScore: null }));
    const needs = needsOf({ focusAreas: ["sales"], capabilitiesNeeded: [], revenueTier: "1m-5m", state: "TX" });
    t.same(
      index.top(needs, 3).ranked.map((r) => r.partner.slug),
      ["p2", "p1", "p3"],
    );
    index.apply(row(2, { focusAreas: ["sales"], status: "inactive" }));
    t.same(
      index.top(needs, 3).ranked.map((r) => r.partner.slug),
      ["p1", "p3"],
    );
    t.equal(index.size, 2);
  });
});
