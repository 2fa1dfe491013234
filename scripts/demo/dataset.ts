// The demo platform `npm start` creates on an empty installation: partners in every lifecycle state, three of them
// public with real survey answers (so real scores and testimonials), and a contractor matched to them. Plain data;
// scripts/demo/seed.ts plays it through the API.
import type { ContractorProfile, OnboardingSteps, PartnerStatus, Reference } from "./tpx-client.ts";

/** Every demo login shares one password; the admin's comes from the runner's configuration. */
export const DEMO_PASSWORD = "tpx-demo-password";
export const DEMO_PARTNER_EMAIL = "partner@tpx.local";
export const DEMO_CONTRACTOR_EMAIL = "contractor@tpx.local";

export type Audience = "CUSTOMER" | "EMPLOYEE";

/** One survey answered for the partner: how well it rates it (0 worst … 1 best) and what it writes, if anything. */
export interface DemoResponse {
  audience: Audience;
  level: number;
  comment?: string;
  /** Consent to publish the comment: a consented comment becomes a testimonial on the landing page. */
  publish?: boolean;
}

export interface DemoPartner {
  companyName: string;
  /** Where the demo leaves it. */
  status: PartnerStatus;
  /** Why it was rejected or deactivated (the audit trail keeps it). */
  reason?: string;
  /** A draft stops after this many onboarding steps. */
  stepsDone?: number;
  /** Its owner is the demo partner login (the others are created by the admin, without a user). */
  ownedByDemoUser?: boolean;
  steps: OnboardingSteps;
  responses: DemoResponse[];
}

function references(company: Company, audience: Audience): Reference[] {
  const employees = audience === "EMPLOYEE";
  return (employees ? company.employees : company.customers).map((name, index) => ({
    name,
    company: employees ? company.name : (company.customerCompanies[index] ?? "Homeowner"),
    email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@${employees ? company.domain : "customers.example"}`,
  }));
}

interface Company {
  name: string;
  domain: string;
  city: string;
  state: string;
  postalCode: string;
  phone: string;
  description: string;
  capabilities: [string, string][];
  focusAreas: string[];
  revenueTiers: string[];
  serviceRegions: string[];
  videos: number;
  paymentTier: OnboardingSteps["payment-tier"]["paymentTier"];
  customers: string[];
  customerCompanies: string[];
  employees: string[];
}

function onboarding(company: Company): OnboardingSteps {
  const site = `https://${company.domain}`;
  return {
    company: {
      companyName: company.name,
      website: site,
      description: company.description,
      logoUrl: `${site}/logo.png`,
      contactEmail: `hello@${company.domain}`,
      contactPhone: company.phone,
      address: {
        street: "100 Main Street",
        city: company.city,
        state: company.state,
        postalCode: company.postalCode,
        country: "US",
      },
    },
    capabilities: { capabilities: company.capabilities.map(([key, name]) => ({ key, name })) },
    "focus-areas": { focusAreas: company.focusAreas, revenueTiers: company.revenueTiers },
    "service-regions": { serviceRegions: company.serviceRegions },
    videos: {
      videos: Array.from({ length: company.videos }, (_, index) => ({
        title: `${company.name}: project walkthrough ${index + 1}`,
        url: `https://vimeo.com/${76979871 + index}`,
      })),
    },
    "customer-references": { references: references(company, "CUSTOMER") },
    "employee-references": { references: references(company, "EMPLOYEE") },
    "payment-tier": { paymentTier: company.paymentTier },
  };
}

const C = (level: number, comment?: string, publish = comment !== undefined): DemoResponse => ({
  audience: "CUSTOMER",
  level,
  ...(comment ? { comment, publish } : {}),
});
const E = (level: number, comment?: string, publish = comment !== undefined): DemoResponse => ({
  audience: "EMPLOYEE",
  level,
  ...(comment ? { comment, publish } : {}),
});

export const DEMO_PARTNERS: readonly DemoPartner[] = [
  {
    companyName: "Summit Roofing & Solar",
    status: "ACTIVE",
    ownedByDemoUser: true,
    steps: onboarding({
      name: "Summit Roofing & Solar",
      domain: "summit-roofing.example",
      city: "Austin",
      state: "TX",
      postalCode: "78701",
      phone: "(512) 555-0142",
      description: "Storm restoration, re-roofing and rooftop solar for contractors across Texas and Oklahoma.",
      capabilities: [
        ["storm-restoration", "Storm restoration"],
        ["solar-install", "Solar installation"],
        ["insurance-claims", "Insurance claim support"],
      ],
      focusAreas: ["roofing", "solar"],
      revenueTiers: ["5m-10m", "10m-25m"],
      serviceRegions: ["TX", "OK", "LA"],
      videos: 5,
      paymentTier: "GOLD",
      customers: ["Avery Brooks", "Morgan Lee", "Casey Nguyen", "Riley Carter", "Jamie Ortiz"],
      customerCompanies: ["Brooks Builders", "Lee Homes", "Nguyen Renovations", "Carter & Sons", "Ortiz Remodeling"],
      employees: ["Sam Patel", "Dana Kim", "Chris Walker", "Alex Romero", "Pat Sullivan"],
    }),
    // Three customers and three employees answer; two customer links stay open for the walkthrough.
    responses: [
      C(0.95, "They had our roof dried in two days after the hail storm and handled the insurance paperwork."),
      C(1, "Best crew we have worked with in twenty years. Clean site every evening."),
      C(0.85, "Great work; scheduling could be a little tighter.", false),
      E(0.9, "Leadership listens and the safety training is excellent."),
      E(0.95),
      E(0.9),
    ],
  },
  {
    companyName: "Lone Star Siding",
    status: "APPROVED",
    steps: onboarding({
      name: "Lone Star Siding",
      domain: "lonestar-siding.example",
      city: "Dallas",
      state: "TX",
      postalCode: "75201",
      phone: "214-555-0187",
      description: "Fiber-cement and vinyl siding, soffit and fascia for production builders in North Texas.",
      capabilities: [
        ["fiber-cement", "Fiber-cement siding"],
        ["soffit-fascia", "Soffit and fascia"],
      ],
      focusAreas: ["siding", "roofing"],
      revenueTiers: ["1m-5m", "5m-10m"],
      serviceRegions: ["TX"],
      videos: 2,
      paymentTier: "VERIFIED",
      customers: ["Taylor Reed", "Jordan Price", "Quinn Foster", "Drew Hayes", "Skyler Ward"],
      customerCompanies: ["Reed Homes", "Price Construction", "Foster Build", "Hayes Group", "Ward Homes"],
      employees: ["Robin Diaz", "Jesse Morgan", "Kerry Bell", "Lee Chambers", "Frankie Cole"],
    }),
    responses: [
      C(0.75, "Solid installers. Communication dropped off once the job started."),
      C(0.7),
      C(0.8),
      E(0.65, "Good people, but we are stretched thin in the busy season."),
      E(0.7),
    ],
  },
  {
    companyName: "Great Lakes Windows & Doors",
    status: "ACTIVE",
    steps: onboarding({
      name: "Great Lakes Windows & Doors",
      domain: "greatlakes-windows.example",
      city: "Chicago",
      state: "IL",
      postalCode: "60601",
      phone: "312-555-0110",
      description: "Replacement windows and entry doors, supplied and installed nationwide.",
      capabilities: [["window-replacement", "Window replacement"]],
      focusAreas: ["windows", "doors"],
      revenueTiers: ["1m-5m"],
      serviceRegions: ["national"],
      videos: 1,
      paymentTier: "FREE",
      customers: ["Harper Stone", "Rowan Blake", "Emerson Hale", "Finley Cruz", "Sage Moreno"],
      customerCompanies: ["Stone Homes", "Blake Builders", "Hale Renovation", "Cruz Construction", "Moreno Homes"],
      employees: ["Reese Tan", "Parker Lane", "Hayden Fox", "Kendall Webb", "Marlow Grant"],
    }),
    responses: [
      C(0.4, "Two of our twelve windows arrived in the wrong size and the fix took a month."),
      C(0.55, "Fair price, average follow-up."),
      C(0.6),
      E(0.45),
      E(0.5),
    ],
  },
  {
    companyName: "Harbor Gutter Pros",
    status: "SUBMITTED",
    steps: onboarding({
      name: "Harbor Gutter Pros",
      domain: "harbor-gutters.example",
      city: "Tampa",
      state: "FL",
      postalCode: "33602",
      phone: "813-555-0163",
      description: "Seamless gutters and leaf guards for roofers along the Gulf coast.",
      capabilities: [["seamless-gutters", "Seamless gutters"]],
      focusAreas: ["gutters", "roofing"],
      revenueTiers: ["under-1m", "1m-5m"],
      serviceRegions: ["FL", "GA"],
      videos: 1,
      paymentTier: "VERIFIED",
      customers: ["Blair Ellis", "Cameron Frost", "Dakota Gray", "Elliot Hart", "Jules Irwin"],
      customerCompanies: ["Ellis Roofing", "Frost Homes", "Gray Build", "Hart Roofing", "Irwin Homes"],
      employees: ["Logan Jett", "Micah Knox", "Noel Lamb", "Oakley Marsh", "Peyton Nash"],
    }),
    responses: [],
  },
  {
    companyName: "Prairie Deck Builders",
    status: "DRAFT",
    stepsDone: 3,
    steps: onboarding({
      name: "Prairie Deck Builders",
      domain: "prairie-decks.example",
      city: "Omaha",
      state: "NE",
      postalCode: "68102",
      phone: "402-555-0128",
      description: "Composite decks, pergolas and outdoor living spaces.",
      capabilities: [["composite-decks", "Composite decks"]],
      focusAreas: ["decks", "outdoor-living"],
      revenueTiers: ["under-1m"],
      serviceRegions: ["NE", "IA", "KS"],
      videos: 1,
      paymentTier: "FREE",
      customers: ["Ari Quinn", "Bo Rivers", "Cy Shaw", "Del Tate", "Eden Vance"],
      customerCompanies: ["Quinn Homes", "Rivers Build", "Shaw Homes", "Tate Renovation", "Vance Homes"],
      employees: ["Fay Wells", "Gus Young", "Hal Zane", "Ivy Adams", "Jo Baker"],
    }),
    responses: [],
  },
  {
    companyName: "Coastal Paint Co",
    status: "INACTIVE",
    reason: "Paused at the partner's request over the winter.",
    steps: onboarding({
      name: "Coastal Paint Co",
      domain: "coastal-paint.example",
      city: "Charleston",
      state: "SC",
      postalCode: "29401",
      phone: "843-555-0199",
      description: "Exterior painting and coatings for coastal homes.",
      capabilities: [["exterior-painting", "Exterior painting"]],
      focusAreas: ["painting"],
      revenueTiers: ["1m-5m"],
      serviceRegions: ["SC", "NC"],
      videos: 1,
      paymentTier: "FREE",
      customers: ["Kai Carter", "Lane Dunn", "Max Eaton", "Nico Ford", "Ola Gibbs"],
      customerCompanies: ["Carter Homes", "Dunn Build", "Eaton Homes", "Ford Renovation", "Gibbs Homes"],
      employees: ["Pia Hull", "Rae Ives", "Sol James", "Tam Kerr", "Uma Lowe"],
    }),
    responses: [],
  },
  {
    companyName: "Mesa Concrete Works",
    status: "REJECTED",
    reason: "Two of the customer references could not be reached; please resubmit with current contacts.",
    steps: onboarding({
      name: "Mesa Concrete Works",
      domain: "mesa-concrete.example",
      city: "Phoenix",
      state: "AZ",
      postalCode: "85004",
      phone: "602-555-0175",
      description: "Foundations, flatwork and decorative concrete.",
      capabilities: [["foundations", "Foundations"]],
      focusAreas: ["concrete"],
      revenueTiers: ["5m-10m"],
      serviceRegions: ["AZ", "NM"],
      videos: 1,
      paymentTier: "FREE",
      customers: ["Vic Moss", "Wren Noble", "Xan Ortega", "Yael Page", "Zed Quincy"],
      customerCompanies: ["Moss Homes", "Noble Build", "Ortega Homes", "Page Construction", "Quincy Homes"],
      employees: ["Abe Ross", "Bea Stone", "Cal Troy", "Dee Upton", "Eli Voss"],
    }),
    responses: [],
  },
];

export const DEMO_CONTRACTOR: ContractorProfile = {
  companyName: "Hill Country Home Builders",
  revenueTier: "5m-10m",
  state: "TX",
  focusAreas: ["roofing", "windows", "solar"],
  goals: ["A roofing partner for storm season", "Energy upgrades for new builds"],
  capabilitiesNeeded: ["storm-restoration"],
  contactName: "Jordan Reyes",
  contactEmail: DEMO_CONTRACTOR_EMAIL,
};
