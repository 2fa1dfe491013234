import type { PartnerStatus } from "./lifecycle.ts";

export type PaymentTier = "FREE" | "VERIFIED" | "GOLD";
export type Audience = "CUSTOMER" | "EMPLOYEE";

export interface Address {
  street: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface Capability {
  key: string;
  name: string;
  description?: string;
}

export interface Video {
  title: string;
  url: string;
  provider: string;
}

export interface Reference {
  name: string;
  company: string;
  email: string;
  phone?: string;
}

/** Everything the onboarding steps collect, as the domain sees it. */
export interface PartnerProfile {
  companyName: string;
  website: string | null;
  description: string | null;
  logoUrl: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  address: Address | null;
  capabilities: Capability[];
  focusAreas: string[];
  revenueTiers: string[];
  serviceRegions: string[];
  videos: Video[];
  customerReferences: Reference[];
  employeeReferences: Reference[];
  paymentTier: PaymentTier;
}

export interface PartnerState extends PartnerProfile {
  id: string;
  status: PartnerStatus;
  slug: string;
  completedSteps: number[];
}
