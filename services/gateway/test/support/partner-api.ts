import type { PublicPartner } from "../../src/pages/public-partner.ts";

/** A landing-page payload as the partner service's public API returns it. */
export function publicPartner(overrides: Partial<PublicPartner> = {}): PublicPartner {
  return {
    slug: "acme-roofing-supply",
    companyName: "Acme Roofing Supply",
    description: "Roofing materials & <b>logistics</b> for contractors.",
    website: "https://acme.example",
    logoUrl: "https://cdn.example/acme.png",
    focusAreas: ["roofing", "materials"],
    serviceRegions: ["US-TX", "US-OK"],
    revenueTiers: ["1m-5m"],
    videos: [
      { title: "Product demo", url: "https://video.example/demo", provider: "youtube" },
      { title: "Bad link", url: "javascript:alert(1)", provider: "other" },
    ],
    tier: "VERIFIED",
    pcr: {
      score: 87.25,
      badges: ["TOP_RATED", "RISING_STAR"],
      momentum: "hot",
      responseCount: 12,
      computedAt: "2026-11-20T10:00:00.000Z",
      breakdown: { profile: 90, feedback: 85, base: 86.5, payment: 1.05, momentumPoints: 2, final: 87.25 },
      confidence: { low: 82.1, high: 91.4, provisional: false },
    },
    pcrStatus: "scored",
    testimonials: [
      {
        text: "Fast and reliable </script><script>alert(1)</script>",
        audience: "contractor",
        quarter: "2026-Q3",
        rating: 9,
      },
    ],
    approvedAt: "2026-10-01T00:00:00.000Z",
    ...overrides,
  };
}
