import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import t from "tap";
import { quarterFigures, quartersAffected } from "../../src/domain/quarter-figures.ts";
import { groupByQuarter, type ResponseFact } from "../../src/repositories/response.repository.ts";

const QUARTERS = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
const responseFact = fc.record({
  quarter: fc.constantFrom(...QUARTERS),
  score: fc.integer({ min: 0, max: 100 }),
  npsValue: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
});
const NEED = 3;

const figuresByQuarter = (responses: readonly ResponseFact[]) =>
  new Map(quarterFigures(groupByQuarter(responses), NEED).map((figures) => [figures.quarter, figures]));

t.test("quarter figures", async (t) => {
  t.test("momentum of each qualifying quarter is measured against the qualifying quarter before it", async (t) => {
    const facts = (quarter: string, score: number, count: number) =>
      Array.from({ length: count }, () => ({ quarter, score, npsValue: null }));
    const figures = figuresByQuarter([
      ...facts("2026-Q4", 90, 3),
      ...facts("2026-Q3", 50, 2),
      ...facts("2026-Q2", 80, 3),
    ]);
    t.match(figures.get("2026-Q2"), { qualifies: true, momentum: "stable", momentumChange: null });
    t.match(figures.get("2026-Q3"), { qualifies: false, momentum: null, responseCount: 2 });
    t.match(figures.get("2026-Q4"), { qualifies: true, momentum: "hot", momentumChange: 10 });
  });

  t.test("adding responses moves only the quarters they went to and the next qualifying quarter after each", (t) => {
    fc.assert(
      fc.property(fc.array(responseFact, { maxLength: 25 }), fc.array(responseFact, { maxLength: 8 }), (old, added) => {
        const before = figuresByQuarter(old);
        const after = figuresByQuarter([...old, ...added]);
        const affected = quartersAffected(
          groupByQuarter([...old, ...added]),
          new Set(added.map((response) => response.quarter)),
          NEED,
        );
        return [...after].every(
          ([quarter, figures]) => affected.has(quarter) || isDeepStrictEqual(figures, before.get(quarter)),
        );
      }),
      { numRuns: 500 },
    );
    t.pass("every other quarter kept its figures");
    t.end();
  });
});
