import t from "tap";
import { normalizeEmail, normalizePhone, normalizeWebUrl } from "../../src/domain/contact.ts";
import { validateProfileInput } from "../../src/domain/profile-patch.ts";
import { validateReferences } from "../../src/domain/references.ts";
import { recogniseVideo } from "../../src/domain/videos.ts";

t.test("contact normalisation", async (t) => {
  t.equal(normalizeEmail(" Jane@Example.COM "), "jane@example.com");
  t.equal(normalizeEmail("jane@"), null);
  t.equal(normalizePhone("(512) 555-0100"), "+15125550100");
  t.equal(normalizePhone("1 512 555 0100"), "+15125550100");
  t.equal(normalizePhone("+44 20 7946 0958"), "+442079460958");
  t.equal(normalizePhone("555-0100"), null);
  t.equal(normalizeWebUrl("https://acme.example.com"), "https://acme.example.com/");
  t.equal(normalizeWebUrl("javascript:alert(1)"), null);
  t.equal(normalizeWebUrl("http://localhost"), null);
});

t.test("recogniseVideo", async (t) => {
  t.match(recogniseVideo("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), { provider: "youtube" });
  t.match(recogniseVideo("https://youtu.be/dQw4w9WgXcQ"), { provider: "youtube" });
  t.match(recogniseVideo("https://vimeo.com/123456"), { provider: "vimeo" });
  t.match(recogniseVideo("https://www.loom.com/share/0123456789abcdef"), { provider: "loom" });
  t.match(recogniseVideo("https://acme.wistia.com/medias/abc123"), { provider: "wistia" });
  t.equal(recogniseVideo("https://www.youtube.com/watch"), null, "a watch link without a video id");
  t.equal(recogniseVideo("https://example.com/video.mp4"), null);
});

t.test("validateProfileInput", async (t) => {
  const { patch, problems } = validateProfileInput({
    serviceRegions: ["tx", "TX", "national"],
    focusAreas: ["a", "a"],
  });
  t.same(problems, [{ field: "body.serviceRegions", message: '"national" already covers every state; send it alone' }]);
  t.same(patch.focusAreas, ["a"], "duplicates collapse");
  t.same(validateProfileInput({ serviceRegions: ["National"] }).patch.serviceRegions, ["national"]);
  t.same(validateProfileInput({}).patch, {}, "absent fields stay absent (partial saves)");
});

t.test("validateReferences", async (t) => {
  const others = [{ name: "x", company: "y", email: "taken@example.com" }];
  const { problems } = validateReferences(
    [
      { name: "A", company: "B", email: "a@example.com" },
      { name: "A2", company: "B", email: "A@example.com" },
      { name: "C", company: "D", email: "taken@example.com", phone: "12" },
    ],
    others,
  );
  t.same(
    problems.map((p) => p.field),
    ["body.references.1.email", "body.references.2.email", "body.references.2.phone"],
  );
});
