import fc from "fast-check";
import t from "tap";
import { describeMatch } from "../../src/domain/match-reasons.ts";
import {
  ALGORITHM_VERSION,
  type ContractorNeeds,
  componentsOf,
  confidenceOf,
  type PartnerOffer,
  scoreMatch,
  WEIGHTS,
  weightedScore,
} from "../../src/domain/match-score.ts";
import { REVENUE_TIERS } from "../../src/domain/revenue-tiers.ts";
import { assertProperty } from "../property.ts";

const needs = (
  n: Partial<Omit<ContractorNeeds, "focusAreas" | "capabilitiesNeeded">> & {
    focusAreas: string[];
    capabilitiesNeeded?: string[];
  },
): ContractorNeeds => ({
  revenueTier: n.revenueTier ?? "1m-5m",
  state: n.state ?? "TX",
  focusAreas: new Set(n.focusAreas),
  capabilitiesNeeded: new Set(n.capabilitiesNeeded ?? []),
});

const offer = (o: {
  focusAreas: string[];
  revenueTiers?: string[];
  serviceRegions?: string[];
  capabilities?: string[];
  pcrScore?: number | null;
}): PartnerOffer => ({
  focusAreas: new Set(o.focusAreas),
  revenueTiers: new Set(o.revenueTiers ?? []),
  serviceRegions: new Set(o.serviceRegions ?? []),
  capabilities: new Set(o.capabilities ?? []),
  pcrScore: o.pcrScore ?? null,
});

const AREAS = ["marketing", "operations", "finance", "hiring", "sales", "technology"];
const CAPS = ["crm", "seo", "payroll", "training"];
const STATES = ["TX", "CA", "NY", "FL"];
const subset = (items: string[]) => fc.subarray(items);
const arbNeeds = fc.record({
  focusAreas: fc.subarray(AREAS, { minLength: 1 }),
  capabilitiesNeeded: subset(CAPS),
  revenueTier: fc.constantFrom(...REVENUE_TIERS),
  state: fc.constantFrom(...STATES),
});
const arbOffer = fc.record({
  focusAreas: fc.subarray(AREAS, { minLength: 1 }),
  capabilities: subset(CAPS),
  revenueTiers: fc.subarray([...REVENUE_TIERS]),
  serviceRegions: fc.subarray([...STATES, "national"]),
  pcrScore: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
});

t.test("match score", async (t) => {
  t.test("weights sum to 1", async (t) => {
    t.equal(Math.round((WEIGHTS.focus + WEIGHTS.revenue + WEIGHTS.geography + WEIGHTS.capability) * 1e12) / 1e12, 1);
    t.equal(ALGORITHM_VERSION, "weighted-2026.11-v1");
  });

  t.test("a partner matching on everything scores 1.0 with full confidence", async (t) => {
    assertProperty(
      t,
      fc.property(arbNeeds, (n) => {
        const c = needs(n);
        const perfect = offer({
          focusAreas: n.focusAreas,
          revenueTiers: [n.revenueTier],
          serviceRegions: [n.state],
          capabilities: n.capabilitiesNeeded,
          pcrScore: 80,
        });
        const result = scoreMatch(c, perfect, describeMatch);
        return result.score === 1 && (n.capabilitiesNeeded.length === 0 || result.confidence === 1);
      }),
    );
  });

  t.test("every component and the score stay in [0, 1]", async (t) => {
    assertProperty(
      t,
      fc.property(arbNeeds, arbOffer, (n, o) => {
        const c = needs(n);
        const p = offer(o);
        const parts = Object.values(componentsOf(c, p));
        const score = weightedScore(componentsOf(c, p));
        const confidence = confidenceOf(c, p);
        return [...parts, score, confidence].every((value) => value >= 0 && value <= 1);
      }),
    );
  });

  t.test("the score never decreases when the partner covers one more focus area", async (t) => {
    assertProperty(
      t,
      fc.property(arbNeeds, arbOffer, fc.constantFrom(...AREAS), (n, o, extra) => {
        const c = needs(n);
        const before = weightedScore(componentsOf(c, offer(o)));
        const after = weightedScore(componentsOf(c, offer({ ...o, focusAreas: [...o.focusAreas, extra] })));
        return after >= before;
      }),
    );
  });

  t.test("the score is the weighted sum of its components", async (t) => {
    assertProperty(
      t,
      fc.property(arbNeeds, arbOffer, (n, o) => {
        const k = componentsOf(needs(n), offer(o));
        const sum = 0.6 * k.focus + 0.2 * k.revenue + 0.1 * k.geography + 0.1 * k.capability;
        return Math.abs(weightedScore(k) - sum) < 1e-4;
      }),
    );
  });
});

t.test("match score worked examples", async (t) => {
  const contractor = needs({ focusAreas: ["marketing", "operations", "finance"], capabilitiesNeeded: ["crm", "seo"] });

  t.test("two of three focus areas, adjacent tier, national, one of two capabilities", async (t) => {
    const partner = offer({
      focusAreas: ["marketing", "finance", "hiring"],
      revenueTiers: ["5m-10m"],
      serviceRegions: ["national"],
      capabilities: ["crm"],
      pcrScore: 87.5,
    });
    const result = scoreMatch(contractor, partner, describeMatch);
    t.same(result.components, { focus: 2 / 3, revenue: 0.5, geography: 0.8, capability: 0.5 });
    // 0.6 × 0.6667 + 0.2 × 0.5 + 0.1 × 0.8 + 0.1 × 0.5 = 0.4 + 0.1 + 0.08 + 0.05
    t.equal(result.score, 0.63);
    t.equal(result.confidence, 1);
    t.same(result.reasons, [
      "Covers 2 of your 3 focus areas: marketing, finance",
      "Serves a revenue band next to yours (1m-5m)",
      "Works nationwide",
      "Offers 1 of the 2 capabilities you need: crm",
      "PowerConfidence Rating 87.50",
    ]);
  });

  t.test("a partner that states nothing but focus areas gets neutral components and lower confidence", async (t) => {
    const result = scoreMatch(contractor, offer({ focusAreas: ["operations"] }), describeMatch);
    t.same(result.components, { focus: 1 / 3, revenue: 0.5, geography: 0.5, capability: 0 });
    t.equal(result.score, 0.35);
    // only the focus component rests on data: 0.85 × 0.6, no PCR
    t.equal(result.confidence, 0.51);
  });

  t.test("a regional partner elsewhere and a tier two bands away earn nothing for them", async (t) => {
    const partner = offer({ focusAreas: ["marketing"], revenueTiers: ["25m-50m"], serviceRegions: ["CA", "NV"] });
    const k = componentsOf(contractor, partner);
    t.equal(k.revenue, 0);
    t.equal(k.geography, 0);
  });

  t.test("a contractor with no stated capability needs loses nothing on capabilities", async (t) => {
    const k = componentsOf(needs({ focusAreas: ["sales"] }), offer({ focusAreas: ["sales"] }));
    t.equal(k.capability, 1);
  });
});
