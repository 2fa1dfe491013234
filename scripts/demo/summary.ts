// What the banner shows about the demo data, read back from the running platform (so a restart shows the same
// places, and nothing printed is a guess): the demo logins, the demo partner's landing page and score, a survey link
// that still opens, and how many partners are in which state.
import {
  type Audience,
  DEMO_CONTRACTOR_EMAIL,
  DEMO_PARTNER_EMAIL,
  DEMO_PARTNERS,
  DEMO_PASSWORD,
  type DemoPartner,
} from "./dataset.ts";
import { type MailboxEntry, type PartnerStatus, surveyTokenFrom, type TpxClient } from "./tpx-client.ts";

export interface DemoSummary {
  logins: { role: "partner" | "contractor"; email: string; password: string }[];
  partner: { companyName: string; slug: string; pcrScore: number | null };
  /** A survey link of the demo partner nobody has answered yet (its token), when one is left. */
  openSurveyToken: string | undefined;
  partnersByStatus: Partial<Record<PartnerStatus, number>>;
}

/** The survey tokens the dev mailbox holds for a partner's references, by audience (message bodies are cached). */
export async function surveyTokensIn(
  client: TpxClient,
  mailbox: MailboxEntry[],
  spec: DemoPartner,
  bodies: Map<string, string> = new Map(),
): Promise<Record<Audience, string[]>> {
  const audienceOf = new Map<string, Audience>([
    ...spec.steps["customer-references"].references.map((ref) => [ref.email, "CUSTOMER"] as const),
    ...spec.steps["employee-references"].references.map((ref) => [ref.email, "EMPLOYEE"] as const),
  ]);
  const tokens: Record<Audience, string[]> = { CUSTOMER: [], EMPLOYEE: [] };
  // The mailbox lists newest first; oldest first keeps the tokens in the order the references were listed.
  for (const entry of [...mailbox].reverse()) {
    const audience = audienceOf.get(entry.recipient);
    if (!audience || entry.channel !== "email") continue;
    let body = bodies.get(entry.id);
    if (body === undefined) {
      body = await client.mailboxMessage(entry.id);
      bodies.set(entry.id, body);
    }
    const token = surveyTokenFrom(body);
    if (token && !tokens[audience].includes(token)) tokens[audience].push(token);
  }
  return tokens;
}

/** The demo's summary, or undefined when the demo partner login does not exist (the data is someone else's). */
export async function findDemoSummary(admin: TpxClient): Promise<DemoSummary | undefined> {
  const users = [
    ...(await admin.users({ role: "partner", limit: 200 })),
    ...(await admin.users({ role: "contractor" })),
  ];
  const owner = users.find((user) => user.email === DEMO_PARTNER_EMAIL && user.partnerId !== null);
  const spec = DEMO_PARTNERS.find((candidate) => candidate.ownedByDemoUser);
  if (!owner?.partnerId || !spec) return undefined;
  const partner = await admin.adminPartner(owner.partnerId);
  const logins: DemoSummary["logins"] = [{ role: "partner", email: DEMO_PARTNER_EMAIL, password: DEMO_PASSWORD }];
  if (users.some((user) => user.email === DEMO_CONTRACTOR_EMAIL)) {
    logins.push({ role: "contractor", email: DEMO_CONTRACTOR_EMAIL, password: DEMO_PASSWORD });
  }
  const tokens = await surveyTokensIn(admin, await admin.mailbox(), spec);
  let openSurveyToken: string | undefined;
  for (const token of [...tokens.CUSTOMER, ...tokens.EMPLOYEE]) {
    // Opening a link never uses it up; a used or expired one is refused.
    if (
      await admin.survey(token).then(
        () => true,
        () => false,
      )
    ) {
      openSurveyToken = token;
      break;
    }
  }
  const partnersByStatus: Partial<Record<PartnerStatus, number>> = {};
  for (const item of (await admin.searchPartners({ limit: 100 })).items) {
    partnersByStatus[item.status] = (partnersByStatus[item.status] ?? 0) + 1;
  }
  return {
    logins,
    partner: { companyName: partner.companyName, slug: partner.slug, pcrScore: partner.pcrScore },
    openSurveyToken,
    partnersByStatus,
  };
}
