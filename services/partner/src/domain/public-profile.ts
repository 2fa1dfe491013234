import type { Audience, PaymentTier, Video } from "./profile.ts";

export interface PcrSnapshot {
  status: "scored" | "pending";
  score: number | null;
  breakdown: PcrBreakdownSummary | null;
  confidence: { low: number; high: number; provisional: boolean } | null;
  badges: string[];
  momentum: "hot" | "stable" | "declining";
  responseCount: number;
  responsesNeeded: number;
  computedAt: Date;
  /** Revision of the `pcr.updated` this snapshot came from. */
  revision: number;
}

export interface PcrBreakdownSummary {
  profile: number;
  feedback: number;
  base: number;
  payment: number;
  momentumPoints: number;
  final: number;
}

export interface PublicTestimonial {
  text: string;
  audience: Audience;
  quarter: string;
  rating: number | null;
}

export interface PublicSource {
  slug: string;
  companyName: string;
  description: string | null;
  website: string | null;
  logoUrl: string | null;
  focusAreas: string[];
  serviceRegions: string[];
  revenueTiers: string[];
  videos: Video[];
  paymentTier: PaymentTier;
  approvedAt: Date | null;
}

/** The public landing-page model (shape agreed with the gateway, which renders /pcr/{slug}). */
export function publicProfile(source: PublicSource, pcr: PcrSnapshot | null, testimonials: PublicTestimonial[]) {
  const scored = pcr?.status === "scored" && pcr.score !== null && pcr.breakdown !== null;
  return {
    slug: source.slug,
    companyName: source.companyName,
    description: source.description,
    website: source.website,
    logoUrl: source.logoUrl,
    focusAreas: source.focusAreas,
    serviceRegions: source.serviceRegions,
    revenueTiers: source.revenueTiers,
    videos: source.videos.map((video) => ({ title: video.title, url: video.url, provider: video.provider })),
    tier: source.paymentTier.toLowerCase(),
    pcr:
      scored && pcr
        ? {
            score: pcr.score as number,
            badges: pcr.badges,
            momentum: pcr.momentum,
            responseCount: pcr.responseCount,
            computedAt: pcr.computedAt.toISOString(),
            breakdown: pcr.breakdown as PcrBreakdownSummary,
            ...(pcr.confidence ? { confidence: pcr.confidence } : {}),
          }
        : null,
    pcrStatus: scored ? ("scored" as const) : ("pending" as const),
    ...(scored ? {} : { pendingResponses: { have: pcr?.responseCount ?? 0, need: pcr?.responsesNeeded ?? 5 } }),
    // Lets the gateway tell a page rendered before this service applied the latest `pcr.updated` (it caches pages).
    pcrRevision: pcr?.revision ?? 0,
    testimonials: testimonials.map((item) => ({
      text: item.text,
      audience: item.audience.toLowerCase(),
      quarter: item.quarter,
      ...(item.rating === null ? {} : { rating: item.rating }),
    })),
    approvedAt: source.approvedAt ? source.approvedAt.toISOString() : null,
  };
}

export type PublicProfile = ReturnType<typeof publicProfile>;
