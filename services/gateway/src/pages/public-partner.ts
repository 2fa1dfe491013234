/** The partner service's public API shapes (see the cross-service agreement); the gateway only reads them. */
export interface PublicPcr {
  score: number;
  badges: string[];
  momentum: "hot" | "stable" | "declining";
  responseCount: number;
  computedAt: string;
  breakdown: {
    profile: number;
    feedback: number;
    base: number;
    payment: number;
    momentumPoints: number;
    final: number;
  };
  confidence?: { low: number; high: number; provisional: boolean };
}

export interface PublicPartner {
  slug: string;
  companyName: string;
  description: string | null;
  website: string | null;
  logoUrl: string | null;
  focusAreas: string[];
  serviceRegions: string[];
  revenueTiers: string[];
  videos: { title: string; url: string; provider: string }[];
  tier: string;
  pcr: PublicPcr | null;
  pcrStatus: "scored" | "pending";
  pendingResponses?: { have: number; need: number };
  /** Revision of the `pcr.updated` the partner service last applied (0: none yet). */
  pcrRevision?: number;
  testimonials: { text: string; audience: string; quarter: string; rating?: number }[];
  approvedAt: string | null;
}

export interface DirectoryEntry {
  slug: string;
  companyName: string;
  focusAreas: string[];
  serviceRegions: string[];
  pcr: number | null;
  badges: string[];
  logoUrl: string | null;
}

export interface DirectoryPage {
  items: DirectoryEntry[];
  nextCursor: string | null;
}

export interface DirectoryQuery {
  q?: string | undefined;
  focusArea?: string | undefined;
  region?: string | undefined;
  minPcr?: number | undefined;
  sort?: "pcr" | "name" | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}
