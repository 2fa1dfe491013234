// Demo data for `npm start`, played through the gateway like any client: sign-ups, the 8 onboarding steps, admin
// decisions, survey answers through the links the dev mailbox received, a contractor's match. Everything after a
// call happens the way it does in production (events between the services), so the seed waits for it by polling
// the API, each wait bounded and named in the error when something does not arrive.
import { randomUUID } from "node:crypto";
import { answersAt } from "./answers.ts";
import {
  type Audience,
  DEMO_CONTRACTOR,
  DEMO_CONTRACTOR_EMAIL,
  DEMO_PARTNER_EMAIL,
  DEMO_PARTNERS,
  DEMO_PASSWORD,
  type DemoPartner,
} from "./dataset.ts";
import { type DemoSummary, findDemoSummary, surveyTokensIn } from "./summary.ts";
import { ONBOARDING_STEPS, type Partner, TpxApiError, TpxClient } from "./tpx-client.ts";
import { retryRateLimited, waitUntil } from "./wait.ts";

export interface SeedOptions {
  gatewayUrl: string;
  admin: { email: string; password: string };
  /** Longest wait for one asynchronous effect (an event reaching a service). */
  waitTimeoutMs?: number;
  log?: (message: string) => void;
}

export type SeedOutcome =
  | { kind: "seeded"; summary: DemoSummary }
  /** The demo data of an earlier start is there: nothing added, the same places to look. */
  | { kind: "existing"; summary: DemoSummary }
  /** The platform has partners that are not the demo's: it is left alone. */
  | { kind: "not-empty" }
  | { kind: "no-admin"; reason: string };

interface Seeded {
  spec: DemoPartner;
  partner: Partner;
  /** The client that onboards it: its owner's, or the admin's. */
  client: TpxClient;
}

/** Adds the demo data when the platform has no partner yet; otherwise says what is there. */
export async function seedDemoData(options: SeedOptions): Promise<SeedOutcome> {
  const log = options.log ?? (() => {});
  const waitMs = options.waitTimeoutMs ?? 30_000;
  const admin = new TpxClient(options.gatewayUrl);
  try {
    await retryRateLimited(() => admin.login(options.admin.email, options.admin.password));
  } catch (error) {
    if (error instanceof TpxApiError && error.status === 401) {
      return { kind: "no-admin", reason: `cannot log in as ${options.admin.email}: ${error.message}` };
    }
    throw error;
  }
  if ((await admin.searchPartners({ limit: 1 })).items.length > 0) {
    const summary = await findDemoSummary(admin);
    return summary ? { kind: "existing", summary } : { kind: "not-empty" };
  }

  const wait: Wait = (what, read, done, intervalMs = 200) =>
    waitUntil(what, read, done, { timeoutMs: waitMs, intervalMs });

  log("signing up the demo partner and contractor, creating the other partners as the admin");
  const [seeded, contractor] = await Promise.all([
    Promise.all(DEMO_PARTNERS.map((spec) => createPartner(admin, spec, options.gatewayUrl))),
    signUpContractor(options.gatewayUrl),
  ]);
  log("onboarding (8 steps each), admin decisions, survey answers through the links in the dev mailbox");
  // The partners that get answers go first, so theirs are the first invitations the notification service sends;
  // the others are onboarded meanwhile.
  const scored = seeded.filter(({ spec }) => spec.responses.length > 0);
  await Promise.all(scored.map((entry) => onboardAndDecide(admin, entry)));
  const others = Promise.allSettled(
    seeded.filter((entry) => !scored.includes(entry)).map((entry) => onboardAndDecide(admin, entry)),
  );
  await answerAsInvitationsArrive(admin, scored, wait);
  const failed = (await others).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;

  log("waiting for the scores (survey → scoring → partner)");
  for (const { spec, partner } of scored) {
    const testimonials = spec.responses.filter((response) => response.publish).length;
    await wait(
      `the PCR of ${spec.companyName} from ${spec.responses.length} responses (survey → scoring)`,
      () => admin.score(partner.id),
      (score) => score.status === "scored" && score.window?.responseCount === spec.responses.length,
    );
    await wait(
      `the PCR and ${testimonials} testimonials of ${spec.companyName} on its public profile (scoring, survey → partner)`,
      () => admin.publicPartner(partner.slug),
      (profile) => profile.pcr?.responseCount === spec.responses.length && profile.testimonials.length === testimonials,
    );
  }

  log("matching the demo contractor to the partners");
  await matchContractor(contractor, scored, wait);
  await workFirstLead(seeded);

  // The banner offers one of the demo partner's unanswered links; its last invitations may still be on their way.
  const summary = await wait(
    "an unanswered survey invitation of the demo partner in the dev mailbox (survey → notification)",
    () => findDemoSummary(admin),
    (found) => found?.openSurveyToken !== undefined,
    300,
  );
  return { kind: "seeded", summary: summary as DemoSummary };
}

async function createPartner(admin: TpxClient, spec: DemoPartner, gatewayUrl: string): Promise<Seeded> {
  if (!spec.ownedByDemoUser) {
    const partner = await admin.createPartner({ companyName: spec.companyName });
    return { spec, partner, client: admin };
  }
  const owner = new TpxClient(gatewayUrl);
  await retryRateLimited(() =>
    owner.signup({
      email: DEMO_PARTNER_EMAIL,
      password: DEMO_PASSWORD,
      role: "partner",
      displayName: "Chris Alvarez",
      companyName: spec.companyName,
    }),
  );
  // The partner exists once the partner service has consumed user.registered; the token carries its id after.
  await retryRateLimited(() => owner.waitForPartnerId({ timeoutMs: 30_000, intervalMs: 100 })).catch((error: Error) => {
    throw new Error(`demo data: ${error.message}: the partner service did not create the signed-up partner`);
  });
  return { spec, partner: await owner.myPartner(), client: owner };
}

/** The onboarding steps its state needs, then the admin's decisions that lead to that state. */
async function onboardAndDecide(admin: TpxClient, entry: Seeded): Promise<void> {
  const { spec, client } = entry;
  const id = entry.partner.id;
  const steps = ONBOARDING_STEPS.slice(0, spec.stepsDone ?? ONBOARDING_STEPS.length);
  for (const step of steps) await client.saveOnboardingStep(id, step, spec.steps[step]);
  if (spec.status === "DRAFT") return;
  entry.partner = await client.submitOnboarding(id);
  if (spec.status === "REJECTED") {
    entry.partner = await admin.rejectPartner(id, spec.reason ?? "Rejected in the demo.");
    return;
  }
  if (spec.status === "SUBMITTED") return;
  entry.partner = await admin.approvePartner(id);
  if (spec.status === "APPROVED") return;
  entry.partner = await admin.activatePartner(id);
  if (spec.status === "INACTIVE") entry.partner = await admin.deactivatePartner(id, spec.reason);
}

/**
 * One look at the dev mailbox at a time (its page is rate-limited like every page); a partner's surveys are
 * answered as soon as the invitations it needs are there.
 */
async function answerAsInvitationsArrive(admin: TpxClient, scored: Seeded[], wait: Wait): Promise<void> {
  const bodies = new Map<string, string>();
  const waiting = new Set(scored);
  const answering: Promise<unknown>[] = [];
  let failure: unknown;
  await wait(
    `the survey invitations of ${scored.map(({ spec }) => spec.companyName).join(", ")} in the dev mailbox (partner → survey → notification)`,
    async () => {
      const mailbox = await admin.mailbox();
      for (const entry of [...waiting]) {
        const tokens = await surveyTokensIn(admin, mailbox, entry.spec, bodies);
        const needed = (audience: Audience) => entry.spec.responses.filter((r) => r.audience === audience).length;
        if (tokens.CUSTOMER.length < needed("CUSTOMER") || tokens.EMPLOYEE.length < needed("EMPLOYEE")) continue;
        waiting.delete(entry);
        answering.push(answerSurveys(admin, entry.spec, tokens).catch((error: unknown) => (failure ??= error)));
      }
      return waiting.size === 0 || failure !== undefined;
    },
    (done) => done,
    300,
  );
  await Promise.all(answering);
  if (failure !== undefined) throw failure;
}

type Wait = <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, intervalMs?: number) => Promise<T>;

/** Each response through its own link, answered at the response's level, with its comment. */
async function answerSurveys(client: TpxClient, spec: DemoPartner, tokens: Record<Audience, string[]>): Promise<void> {
  const unused = { CUSTOMER: [...tokens.CUSTOMER], EMPLOYEE: [...tokens.EMPLOYEE] };
  for (const response of spec.responses) {
    const token = unused[response.audience].shift();
    if (!token) throw new Error(`demo data: ${spec.companyName} has too few ${response.audience} survey links`);
    const survey = await client.survey(token);
    const submission = {
      submissionId: randomUUID(),
      answers: answersAt(survey.template.questions, response.level),
      ...(response.comment ? { comment: response.comment, consentToPublish: response.publish === true } : {}),
    };
    await retryRateLimited(() => client.submitSurvey(token, submission));
  }
}

async function signUpContractor(gatewayUrl: string): Promise<{ client: TpxClient; contractorId: string }> {
  const client = new TpxClient(gatewayUrl);
  const { user } = await retryRateLimited(() =>
    client.signup({
      email: DEMO_CONTRACTOR_EMAIL,
      password: DEMO_PASSWORD,
      role: "contractor",
      displayName: DEMO_CONTRACTOR.contactName,
    }),
  );
  return { client, contractorId: user.contractorId ?? user.id };
}

/**
 * Saving the contractor's profile matches it at once. Matching learns about partners and scores from events; should
 * it not know every public partner with its score yet, the contractor asks again until it does.
 */
async function matchContractor(
  { client: contractor, contractorId }: { client: TpxClient; contractorId: string },
  scored: Seeded[],
  wait: Wait,
): Promise<void> {
  const publicIds = scored.map(({ partner }) => partner.id);
  const complete = (candidates: { partnerId: string; pcrScore: number | null }[]) =>
    publicIds.every((id) => candidates.some((candidate) => candidate.partnerId === id && candidate.pcrScore !== null));
  const saved = await contractor.saveContractor(contractorId, DEMO_CONTRACTOR);
  if (saved.match && complete(saved.match.candidates)) return;
  // Each try records a match, so a slower pace than the other waits.
  await wait(
    "every public partner with its score in the matching service (partner, scoring → matching)",
    () => contractor.matchContractor(contractorId),
    (match) => complete(match.candidates),
    1000,
  );
}

/** The demo partner answers its newest lead, so its pipeline and the contractor's inbox are not empty. */
async function workFirstLead(seeded: Seeded[]): Promise<void> {
  const owned = seeded.find(({ spec }) => spec.ownedByDemoUser);
  if (!owned) return;
  const [lead] = await owned.client.partnerLeads(owned.partner.id, { limit: 1 });
  if (!lead) return;
  await owned.client.setLeadStatus(lead.id, "contacted");
  await owned.client.sendLeadMessage(
    lead.id,
    "Thanks for reaching out! We can inspect your current projects next week. Which day suits you?",
  );
}
