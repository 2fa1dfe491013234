import fc from "fast-check";
import t from "tap";
import { COMPLETION_ITEMS, computeCompletion } from "../../src/domain/completion.ts";
import type { PartnerProfile } from "../../src/domain/profile.ts";

const empty: PartnerProfile = {
  companyName: "Acme",
  website: null,
  description: null,
  logoUrl: null,
  contactEmail: null,
  contactPhone: null,
  address: null,
  capabilities: [],
  focusAreas: [],
  revenueTiers: [],
  serviceRegions: [],
  videos: [],
  customerReferences: [],
  employeeReferences: [],
  paymentTier: "FREE",
};
const ref = (n: number) => ({ name: `n${n}`, company: "c", email: `e${n}@x.com` });
const video = { title: "t", url: "https://youtu.be/abcdefg", provider: "youtube" };

t.test("computeCompletion", async (t) => {
  t.equal(
    COMPLETION_ITEMS.reduce((sum, item) => sum + item.weight, 0),
    100,
    "the weights sum to 100",
  );
  t.test("a new partner has only its name (5%) and lists everything else as missing", async (t) => {
    const { percent, missing } = computeCompletion(empty);
    t.equal(percent, 5);
    t.same(
      missing.find((m) => m.field === "videos"),
      { field: "videos", have: 0, need: 5 },
    );
    t.equal(missing.length, COMPLETION_ITEMS.length - 1);
  });
  t.test("lists count in proportion: 2 of 5 videos earn 4 of 10 points", async (t) => {
    t.equal(computeCompletion({ ...empty, videos: [video, video] }).percent, 5 + 4);
    t.equal(computeCompletion({ ...empty, customerReferences: [ref(1), ref(2), ref(3)] }).percent, 5 + 6);
  });
  t.test("a complete profile is 100 with nothing missing", async (t) => {
    const full: PartnerProfile = {
      ...empty,
      website: "https://a.example.com/",
      description: "d",
      logoUrl: "https://a.example.com/l.png",
      contactEmail: "a@b.co",
      contactPhone: "+15125550100",
      address: { street: "s", city: "c", state: "TX", postalCode: "1", country: "US" },
      capabilities: [1, 2, 3].map((i) => ({ key: `k${i}`, name: "n" })),
      focusAreas: ["marketing"],
      revenueTiers: ["1m-5m"],
      serviceRegions: ["TX"],
      videos: [video, video, video, video, video],
      customerReferences: [1, 2, 3, 4, 5].map(ref),
      employeeReferences: [6, 7, 8, 9, 10].map(ref),
    };
    t.same(computeCompletion(full), { percent: 100, missing: [] });
  });
  t.test("adding to a list never lowers completion and it stays within 0-100 (property)", async (t) => {
    fc.assert(
      fc.property(fc.nat({ max: 8 }), fc.nat({ max: 8 }), (a, b) => {
        const low = computeCompletion({ ...empty, videos: Array(Math.min(a, b)).fill(video) }).percent;
        const high = computeCompletion({ ...empty, videos: Array(Math.max(a, b)).fill(video) }).percent;
        return low <= high && high <= 100 && low >= 0;
      }),
    );
    t.pass();
  });
});
