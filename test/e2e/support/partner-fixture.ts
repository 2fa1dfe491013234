import type { OnboardingSteps, Reference } from "../../../scripts/demo/tpx-client.ts";

/** A partner's sign-up and its 8 onboarding steps; `key` keeps its addresses apart from other partners'. */
export function partnerFixture(
  key: string,
  options: { number: number; focusAreas: string[]; tier: "FREE" | "VERIFIED" | "GOLD" },
) {
  const companyName = `E2E ${key} Roofing Supply`;
  const reference = (audience: "customer" | "employee", index: number, phone: boolean): Reference => ({
    name: `${audience} ${key} ${index}`,
    company: `${audience} Company ${index}`,
    email: `${audience}.${index}.${key}@refs.e2e.test`.toLowerCase(),
    // Some references have a phone: they get the invitation by SMS too.
    ...(phone ? { phone: `+1512555${options.number % 10}${audience === "customer" ? 1 : 2}${index}0` } : {}),
  });
  const customers = [1, 2, 3, 4, 5].map((index) => reference("customer", index, index <= 3));
  const employees = [1, 2, 3, 4, 5].map((index) => reference("employee", index, index <= 2));
  const steps: OnboardingSteps = {
    company: {
      companyName,
      website: `https://${key.toLowerCase()}.e2e.example.com`,
      description: `${companyName} supplies roofing contractors with materials, training and software.`,
      logoUrl: `https://${key.toLowerCase()}.e2e.example.com/logo.png`,
      contactEmail: `hello.${key}@partners.e2e.test`.toLowerCase(),
      contactPhone: "+15125550100",
      address: { street: "1 Main St", city: "Austin", state: "TX", postalCode: "78701", country: "US" },
    },
    capabilities: {
      capabilities: [
        { key: "crm-integration", name: "CRM integration" },
        { key: "lead-generation", name: "Lead generation" },
      ],
    },
    "focus-areas": { focusAreas: options.focusAreas, revenueTiers: ["1m-5m", "5m-10m"] },
    "service-regions": { serviceRegions: ["TX", "OK"] },
    videos: { videos: [{ title: "How we work", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" }] },
    "customer-references": { references: customers },
    "employee-references": { references: employees },
    "payment-tier": { paymentTier: options.tier },
  };
  return {
    signUp: {
      email: `owner.${key}@partners.e2e.test`.toLowerCase(),
      password: `e2e-partner-${key}-password`,
      role: "partner" as const,
      displayName: `Owner ${key}`,
      // renamed in step 1: the slug changes before the partner is published
      companyName: `E2E ${key} Supply`,
    },
    steps,
    customers,
    employees,
    references: [...customers, ...employees],
  };
}
