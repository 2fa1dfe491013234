import fc from "fast-check";
import t from "tap";
import { ratingBand, representativeSample } from "../../src/domain/testimonials.ts";

const candidate = (id: number, rating: number | null) => ({
  id: String(id),
  rating,
  submittedAt: new Date(2026, 0, 1 + id),
});

t.test("representativeSample", async (t) => {
  t.test("keeps the mix: 8 positive and 2 critical comments keep critical comments on the page", async (t) => {
    const all = [...Array.from({ length: 8 }, (_, i) => candidate(i, 90)), candidate(8, 10), candidate(9, 20)];
    const sample = representativeSample(all, 6);
    t.equal(sample.length, 6);
    t.ok(
      sample.some((s) => ratingBand(s.rating) === "critical"),
      "a critical voice is shown",
    );
    t.ok(sample.filter((s) => ratingBand(s.rating) === "positive").length >= 4);
  });
  t.test(
    "is bounded, drawn from the input, and includes every band present while slots allow (property)",
    async (t) => {
      fc.assert(
        fc.property(
          fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { maxLength: 60 }),
          fc.integer({ min: 1, max: 10 }),
          (ratings, limit) => {
            const all = ratings.map((rating, i) => candidate(i, rating));
            const sample = representativeSample(all, limit);
            const ids = new Set(all.map((c) => c.id));
            const bands = new Set(all.map((c) => ratingBand(c.rating)));
            const shown = new Set(sample.map((c) => ratingBand(c.rating)));
            return (
              sample.length === Math.min(limit, all.length) &&
              sample.every((c) => ids.has(c.id)) &&
              new Set(sample.map((c) => c.id)).size === sample.length &&
              (bands.size > limit || [...bands].every((band) => shown.has(band)))
            );
          },
        ),
      );
      t.pass();
    },
  );
});
