import fc from "fast-check";
import t from "tap";
import { firstFreeSlug, MAX_SLUG_LENGTH, SLUG_PATTERN, slugify } from "../../src/domain/slug.ts";

t.test("slugify", async (t) => {
  t.equal(slugify("Acme Roofing"), "acme-roofing");
  t.equal(slugify("  Bob's Siding & Gutters, Inc. "), "bobs-siding-and-gutters-inc");
  t.equal(slugify("Ärger Größe Façade"), "arger-grosse-facade");
  t.equal(slugify("!!!"), "partner", "never empty");
  t.test("always yields a valid, bounded slug (property)", async (t) => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const slug = slugify(name);
        return SLUG_PATTERN.test(slug) && slug.length <= MAX_SLUG_LENGTH;
      }),
    );
    t.pass();
  });
});

t.test("firstFreeSlug", async (t) => {
  t.equal(firstFreeSlug("acme", new Set()), "acme");
  t.equal(firstFreeSlug("acme", new Set(["acme", "acme-2"])), "acme-3");
  t.test("never returns a taken slug and keeps suffixes within the length limit (property)", async (t) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), (taken) => {
        const base = "a".repeat(MAX_SLUG_LENGTH);
        const used = new Set([base, ...Array.from({ length: taken }, (_, i) => firstFreeSlug(base, new Set()) + i)]);
        const slug = firstFreeSlug(base, used);
        return !used.has(slug) && slug.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(slug);
      }),
    );
    t.pass();
  });
});
