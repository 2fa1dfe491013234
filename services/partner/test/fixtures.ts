/** Valid input for every onboarding step, as a partner would send it. */
export const STEP_INPUT = {
  company: {
    companyName: "Acme Roofing",
    website: "https://acme-roofing.example.com",
    description: "Roofing supplies and training for contractors across Texas.",
    logoUrl: "https://cdn.example.com/acme.png",
    contactEmail: "Hello@Acme-Roofing.example.com",
    contactPhone: "(512) 555-0100",
    address: { street: "1 Main St", city: "Austin", state: "tx", postalCode: "78701", country: "US" },
  },
  capabilities: {
    capabilities: [
      { key: "lead-generation", name: "Lead generation" },
      { key: "crm-setup", name: "CRM setup", description: "HubSpot and Salesforce" },
      { key: "training", name: "Sales training" },
    ],
  },
  "focus-areas": { focusAreas: ["marketing", "operations"], revenueTiers: ["1m-5m", "5m-10m"] },
  "service-regions": { serviceRegions: ["tx", "OK"] },
  videos: {
    videos: [
      { title: "Case study", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" },
      { title: "Demo", url: "https://vimeo.com/123456789" },
    ],
  },
  "customer-references": { references: people("customer", 5) },
  "employee-references": { references: people("employee", 5) },
  "payment-tier": { paymentTier: "VERIFIED" },
} as const;

export function people(kind: string, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    name: `${kind} person ${index + 1}`,
    company: `${kind} company ${index + 1}`,
    email: `${kind}${index + 1}@Example.com`,
    phone: `512-555-01${String(index).padStart(2, "0")}`,
  }));
}

export const STEPS = Object.keys(STEP_INPUT) as (keyof typeof STEP_INPUT)[];
