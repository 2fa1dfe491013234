// The PowerCard → PCR loop end to end, as clients see it: every call goes to the gateway over HTTP, with the six
// services running as `npm start` runs them (real PostgreSQL, NATS and Redis), e-mail captured by a local SMTP
// server and SMS by a local server speaking Twilio's Messages API. Subtests run in order and share one stack.
import { performance } from "node:perf_hooks";
import t, { type Test } from "tap";
import {
  landingPcr,
  type Partner,
  poll,
  type Survey,
  surveyLinksIn,
  surveyTokenFrom,
  TpxApiError,
  type TpxClient,
} from "../../scripts/demo/tpx-client.ts";
import { type Mail, readMail } from "./support/mail.ts";
import { partnerFixture } from "./support/partner-fixture.ts";
import { type Answers, expectedPcr, isKeptWithTwoDecimals, responseScore } from "./support/pcr-expected.ts";
import { ADMIN, startStack } from "./support/stack.ts";

// About 40 s on two idle cores (15 s of it the cold start); allow for a busy CI machine running other files too.
t.setTimeout(240_000);

/** How long an event chain may take end to end before the suite calls it broken. */
const EVENTUAL_MS = 30_000;

const stack = await startStack(t);
t.comment(`cold start: ${stack.coldStartMs} ms from spawn to every service ready`);
const { gateway } = stack;
const admin = gateway.fork();
await admin.login(ADMIN.email, ADMIN.password);

/** Everything received so far by the SMTP server, readable. */
const mails = (): Mail[] => stack.mail.map(readMail);

async function waitForMails(match: (mail: Mail) => boolean, count: number, what: string): Promise<Mail[]> {
  return poll(
    async () => mails().filter(match),
    (found) => found.length >= count,
    { timeoutMs: EVENTUAL_MS, intervalMs: 50 },
    `${count} ${what}`,
  );
}

/** Answers for the n-th response (0-based): varied, every rated question answered, consent to publish a comment. */
function answersFor(questions: Survey["template"]["questions"], n: number): Answers {
  const tens = [9, 8, 10, 7, 6, 9, 8, 10];
  const fives = [5, 4, 4, 3, 5, 2, 4, 5];
  const answers: Answers = {};
  questions.forEach((question, index) => {
    if (question.type === "scale_0_10" || question.type === "nps") answers[question.id] = tens[(n + index) % 8]!;
    else if (question.type === "scale_1_5") answers[question.id] = fives[(n + index) % 8]!;
    else if (question.type === "yes_no") answers[question.id] = n % 2 === 0;
    else answers[question.id] = `Answer ${n + 1}: keep the training sessions coming.`;
  });
  return answers;
}

interface Onboarded {
  client: TpxClient;
  partner: Partner;
  fixture: ReturnType<typeof partnerFixture>;
  /** reference e-mail → its survey link from the invitation e-mail */
  links: Map<string, string>;
  /** rated score (0–100) of each response submitted so far */
  scores: number[];
}

/** Sign-up, the 8 steps, submit; then the admin approves. */
async function onboardAndApprove(t: Test, fixture: ReturnType<typeof partnerFixture>): Promise<Onboarded> {
  const client = gateway.fork();
  const signedUp = await client.signup(fixture.signUp);
  t.equal(signedUp.user.role, "partner", "signed up as a partner");
  const partnerId = await client.waitForPartnerId({ timeoutMs: EVENTUAL_MS });
  for (const [index, step] of (Object.keys(fixture.steps) as (keyof typeof fixture.steps)[]).entries()) {
    const saved = await client.saveOnboardingStep(partnerId, step, fixture.steps[step] as never);
    t.ok(saved.onboarding.completedSteps.includes(index + 1), `step ${index + 1} (${step}) is complete`);
  }
  const submitted = await client.submitOnboarding(partnerId);
  t.equal(submitted.status, "SUBMITTED", "onboarding submitted, waiting for an admin");
  const approved = await admin.approvePartner(partnerId);
  t.equal(approved.status, "APPROVED", "the admin approved the partner");
  return { client, partner: await client.myPartner(), fixture, links: new Map(), scores: [] };
}

/** The 10 invitation e-mails of a partner's first campaign: one distinct link per reference. */
async function invitationLinks(t: Test, onboarded: Onboarded, sinceMail = 0): Promise<Map<string, string>> {
  const addresses = new Set(onboarded.fixture.references.map((reference) => reference.email));
  const invitations = await poll(
    async () =>
      mails()
        .slice(sinceMail)
        .filter((mail) => mail.to.some((to) => addresses.has(to))),
    (found) => found.length >= addresses.size,
    { timeoutMs: EVENTUAL_MS, intervalMs: 50 },
    `${addresses.size} invitation e-mails`,
  );
  t.equal(invitations.length, addresses.size, "exactly one e-mail per reference");
  const links = new Map<string, string>();
  for (const mail of invitations) {
    const found = surveyLinksIn(mail.text);
    t.equal(found.length, 1, `the e-mail to ${mail.to[0]} carries one survey link`);
    links.set(mail.to[0]!, found[0]!);
  }
  t.equal(links.size, addresses.size, "every reference got its own e-mail");
  return links;
}

/** Answers one survey as a respondent's browser does: open the page, post the form. Returns the response's score. */
async function respond(t: Test, link: string, n: number): Promise<{ score: number; submit: () => Promise<void> }> {
  const respondent = gateway.fork();
  const survey = await respondent.survey(link);
  const page = await respondent.openSurveyPage(link);
  t.equal(page.status, 200, "the survey page opens");
  const answers = answersFor(survey.template.questions, n);
  t.same(
    page.fields.sort(),
    survey.template.questions.map((question) => `q_${question.id}`).sort(),
    "the form asks every question",
  );
  return {
    score: responseScore(survey.template.questions, answers),
    submit: async () => {
      const thanks = await respondent.submitSurveyForm(link, {
        answers,
        comment: `Response ${n + 1}: reliable partner, fast answers.`,
        consent: true,
        ...(page.submissionId ? { submissionId: page.submissionId } : {}),
      });
      t.equal(thanks.status, 200, `response ${n + 1} accepted`);
      t.match(thanks.html, /Thank you/, "the respondent sees the thank-you page");
    },
  };
}

/** Submits the response and measures until the public landing page shows it counted; ms. */
async function respondAndTimeLandingPage(t: Test, onboarded: Onboarded, link: string): Promise<number> {
  const n = onboarded.scores.length;
  const response = await respond(t, link, n);
  const startedAt = performance.now();
  await response.submit();
  onboarded.scores.push(response.score);
  await poll(
    () => gateway.landingPage(onboarded.partner.slug),
    (page) => landingPcr(page.html)?.responseCount === n + 1,
    // a page stuck in the cache would take its whole TTL (60 s): that is a failure, not a slow run
    { timeoutMs: EVENTUAL_MS, intervalMs: 20 },
    `the landing page to count response ${n + 1}`,
  );
  return performance.now() - startedAt;
}

const latencies = { fifth: [] as number[], later: [] as number[] };
const main = partnerFixture("Alpha", { number: 1, focusAreas: ["roofing", "solar"], tier: "VERIFIED" });
let alpha: Onboarded;
let mailsBeforeQuarterly = 0;

t.test("a partner signs up and completes the 8 onboarding steps; an admin approves", async (t) => {
  alpha = await onboardAndApprove(t, main);
  t.equal(alpha.partner.status, "APPROVED");
  // Active partners get quarterly campaigns; activating now gives the survey service time to hear of it.
  t.equal((await admin.activatePartner(alpha.partner.id)).status, "ACTIVE", "the admin activates the partner");
  t.same(alpha.partner.onboarding.completedSteps, [1, 2, 3, 4, 5, 6, 7, 8], "all 8 steps complete");
  t.equal(alpha.partner.slug, "e2e-alpha-roofing-supply", "the slug follows the name given in step 1");
  const approvalMail = await waitForMails(
    (mail) => mail.to.includes(main.signUp.email) && /approved/i.test(mail.subject),
    1,
    "approval e-mail",
  );
  t.match(approvalMail[0]!.text, `/pcr/${alpha.partner.slug}`, "the approval e-mail links the partner's public page");
  const landing = await gateway.landingPage(alpha.partner.slug);
  t.equal(landing.status, 200, "the public landing page exists once approved");
  t.equal(landingPcr(landing.html), undefined, "no PCR yet");
  t.match(landing.html, /Rating pending/, "the page says the rating is pending");
});

t.test(
  "10 invitations go out by e-mail, and by SMS where a phone exists, with distinct single-use links",
  async (t) => {
    alpha.links = await invitationLinks(t, alpha);
    const tokens = [...alpha.links.values()].map((link) => surveyTokenFrom(link)!);
    t.equal(new Set(tokens).size, 10, "10 distinct links");
    for (const token of tokens) {
      t.ok(Buffer.from(token, "base64url").length >= 16, "each token carries at least 128 bits");
    }
    t.ok(
      [...alpha.links.values()].every((link) => link.startsWith(`${new URL(stack.gatewayUrl).protocol}//`)),
      "links point at the public origin",
    );

    const phones = new Map(main.references.filter((r) => r.phone).map((r) => [r.phone!, r.email]));
    const sms = await poll(
      async () => stack.sms.filter((request) => phones.has(request.form.To ?? "")),
      (found) => found.length >= phones.size,
      { timeoutMs: EVENTUAL_MS, intervalMs: 50 },
      `${phones.size} invitation SMS`,
    );
    t.equal(sms.length, phones.size, `one SMS per reference with a phone (${phones.size})`);
    for (const request of sms) {
      const email = phones.get(request.form.To!)!;
      t.equal(request.form.From, "+15005550006", "sent from the configured number");
      t.match(request.authorization, /^Basic /, "with the account's credentials");
      t.same(surveyLinksIn(request.form.Body ?? ""), [alpha.links.get(email)], "the SMS carries that recipient's link");
    }
  },
);

t.test("5 recipients answer through /s/{token}; the PCR appears on /pcr/{slug} and in the analytics API", async (t) => {
  const links = [...alpha.links.values()];
  for (const link of links.slice(0, 4)) {
    const response = await respond(t, link, alpha.scores.length);
    await response.submit();
    alpha.scores.push(response.score);
  }
  const pending = await poll(
    () => alpha.client.score(alpha.partner.id),
    (score) => score.pending?.have === 4,
    { timeoutMs: EVENTUAL_MS },
    "4 responses counted",
  );
  t.equal(pending.status, "pending", "4 responses: still pending");
  t.equal(pending.score, null);

  const latency = await respondAndTimeLandingPage(t, alpha, links[4]!);
  latencies.fifth.push(latency);
  t.comment(`5th response → updated landing page: ${latency.toFixed(0)} ms`);

  const profile = (await alpha.client.myPartner()).profileCompletion;
  const expected = expectedPcr(profile, alpha.scores, "VERIFIED");
  const page = landingPcr((await gateway.landingPage(alpha.partner.slug)).html);
  t.ok(
    page && isKeptWithTwoDecimals(page.score, expected.final),
    `landing page shows ${page?.score}, the formula gives ${expected.final}`,
  );

  const score = await alpha.client.score(alpha.partner.id);
  t.equal(score.status, "scored");
  t.equal(score.window?.responseCount, 5, "the window has the 5 responses");
  t.equal(score.score, page?.score, "the analytics API and the page show the same score");
  const breakdown = score.breakdown!;
  t.ok(Math.abs(breakdown.profile - expected.profile) < 1e-6, `profile ${breakdown.profile} = ${expected.profile}`);
  t.ok(
    Math.abs(breakdown.feedback - expected.feedback) < 1e-6,
    `feedback ${breakdown.feedback} = ${expected.feedback}`,
  );
  t.ok(Math.abs(breakdown.base - expected.base) < 1e-6, `base ${breakdown.base} = ${expected.base}`);
  t.equal(breakdown.payment, expected.payment, "payment = 20 × 2.5 / 5");
  t.equal(breakdown.momentum, "stable", "first qualifying quarter: stable");
  t.equal(breakdown.momentumPoints, 0);
  t.ok(isKeptWithTwoDecimals(breakdown.final, expected.final), `final ${breakdown.final} = ${expected.final}`);

  const [report] = await waitForMails(
    (mail) => mail.to.includes(main.signUp.email) && /PowerConfidence report/.test(mail.subject),
    1,
    "report e-mail",
  );
  t.match(report!.text, `/pcr/${alpha.partner.slug}`, "the owner's report e-mail links the page under its slug");
});

t.test("a 6th response updates it", async (t) => {
  const before = await alpha.client.score(alpha.partner.id);
  const latency = await respondAndTimeLandingPage(t, alpha, [...alpha.links.values()][5]!);
  latencies.later.push(latency);
  t.comment(`6th response → updated landing page: ${latency.toFixed(0)} ms`);
  const profile = (await alpha.client.myPartner()).profileCompletion;
  const expected = expectedPcr(profile, alpha.scores, "VERIFIED");
  const page = landingPcr((await gateway.landingPage(alpha.partner.slug)).html);
  t.ok(
    page && isKeptWithTwoDecimals(page.score, expected.final),
    `landing page shows ${page?.score} = ${expected.final}`,
  );
  const after = await alpha.client.score(alpha.partner.id);
  t.ok(after.revision > before.revision, "a new score revision");
  t.equal(after.window?.responseCount, 6);
  t.ok(Math.abs(after.breakdown!.feedback - expected.feedback) < 1e-6, "feedback is the mean of the 6 responses");
  t.not(after.score, before.score, "the score moved with the 6th answer");
});

t.test("a reused link is refused and changes nothing", async (t) => {
  const used = [...alpha.links.values()][0]!;
  const before = await alpha.client.score(alpha.partner.id);
  const again = await gateway.fork().submitSurveyForm(used, { answers: { overall: 0, recommend: 0 } });
  t.equal(again.status, 409, "a second form post is refused");
  t.match(again.html, /already answered/i, "with a page that says why");
  const json = await gateway
    .fork()
    .submitSurvey(used, { submissionId: crypto.randomUUID(), answers: { overall: 0 } })
    .catch((error: unknown) => error);
  t.ok(json instanceof TpxApiError && json.status === 409, "the JSON API refuses it too");
  t.equal((json as TpxApiError).code, "SURVEY_ALREADY_ANSWERED");
  const page = await gateway.fork().openSurveyPage(used);
  t.equal(page.status, 409, "the used link's page says it was answered");
  const unused = [...alpha.links.values()][6]!;
  const outOfRange = await gateway.fork().submitSurveyForm(unused, { answers: { overall: 11 } });
  t.equal(outOfRange.status, 400, "an out-of-range answer is refused");
  t.match(outOfRange.html, /between 0 and 10/, "the form comes back saying what is wrong");
  t.equal((await gateway.fork().openSurveyPage(unused)).status, 200, "and that link still works");
  const unknown = await gateway.fork().openSurveyPage("x".repeat(43));
  t.equal(unknown.status, 404, "an unknown link is not found");
  const after = await alpha.client.score(alpha.partner.id);
  t.equal(after.revision, before.revision, "no recomputation");
  t.equal(after.window?.responseCount, 6, "still 6 responses");
});

t.test("a quarterly run triggered by an admin creates the next campaign exactly once", async (t) => {
  const before = await admin.campaigns({ partnerId: alpha.partner.id });
  t.same(
    before.map((campaign) => [campaign.kind, campaign.counts.recipients, campaign.counts.invitations]),
    [["PRE_ONBOARDING", 10, 15]],
    "so far one campaign: 10 recipients, 10 e-mails and 5 SMS",
  );
  mailsBeforeQuarterly = stack.mail.length;
  const first = await admin.runQuarterlyCampaigns();
  t.same({ outcome: first.outcome, created: first.created }, { outcome: "completed", created: 1 }, "one campaign");
  const second = await admin.runQuarterlyCampaigns(first.period);
  t.equal(second.created, 0, "running it again creates nothing");
  t.equal(second.outcome, "already_done");

  const campaigns = await admin.campaigns({ partnerId: alpha.partner.id });
  const quarterly = campaigns.filter((campaign) => campaign.kind === "QUARTERLY");
  t.equal(quarterly.length, 1, "exactly one quarterly campaign");
  t.equal(quarterly[0]?.quarter, first.period);
  t.equal(quarterly[0]?.counts.recipients, 10, "for the 10 references");
  const links = await invitationLinks(t, alpha, mailsBeforeQuarterly);
  const previous = new Set(alpha.links.values());
  t.ok(
    [...links.values()].every((link) => !previous.has(link)),
    "with new links",
  );
  const phones = new Set(main.references.flatMap((reference) => (reference.phone ? [reference.phone] : [])));
  await poll(
    async () => stack.sms.filter((request) => phones.has(request.form.To ?? "")),
    (sms) => sms.length >= 2 * phones.size,
    { timeoutMs: EVENTUAL_MS, intervalMs: 50 },
    "the quarterly invitation SMS",
  );
  t.pass("and SMS where a phone exists");
});

t.test("more partners: the 5th response's time to the landing page", async (t) => {
  for (const [index, key] of ["Bravo", "Charlie"].entries()) {
    const onboarded = await onboardAndApprove(
      t,
      partnerFixture(key, { number: index + 2, focusAreas: ["hvac"], tier: "FREE" }),
    );
    onboarded.links = await invitationLinks(t, onboarded);
    const links = [...onboarded.links.values()];
    for (const link of links.slice(0, 4)) {
      const response = await respond(t, link, onboarded.scores.length);
      await response.submit();
      onboarded.scores.push(response.score);
    }
    // the 4th must have been counted, or the 5th's time would include the 4th's
    await poll(
      () => onboarded.client.score(onboarded.partner.id),
      (score) => score.pending?.have === 4,
      { timeoutMs: EVENTUAL_MS },
      "4 responses counted",
    );
    const latency = await respondAndTimeLandingPage(t, onboarded, links[4]!);
    latencies.fifth.push(latency);
    t.comment(`${key}: 5th response → updated landing page: ${latency.toFixed(0)} ms`);
    const expected = expectedPcr(onboarded.partner.profileCompletion, onboarded.scores, "FREE");
    const page = landingPcr((await gateway.landingPage(onboarded.partner.slug)).html);
    t.ok(page && isKeptWithTwoDecimals(page.score, expected.final), `${key}: ${page?.score} = ${expected.final}`);
  }
});

t.test("a contractor is matched to the partner and the partner sees the lead", async (t) => {
  const contractor = gateway.fork();
  const { user } = await contractor.signup({
    email: "owner@contractor.e2e.test",
    password: "e2e-contractor-password",
    role: "contractor",
    displayName: "Casey Contractor",
  });
  const contractorId = user.contractorId ?? user.id;
  const saved = await contractor.saveContractor(contractorId, {
    companyName: "Lone Star Roofing",
    revenueTier: "1m-5m",
    state: "TX",
    focusAreas: ["roofing"],
    goals: ["grow commercial roofing"],
    capabilitiesNeeded: ["crm-integration"],
    contactName: "Casey Contractor",
    contactEmail: "owner@contractor.e2e.test",
  });
  const match = saved.match ?? (await contractor.matchContractor(contractorId));
  const candidate = match.candidates.find((c) => c.partnerId === alpha.partner.id);
  t.ok(candidate, "the partner is among the matches");
  t.equal(match.primaryPartnerId, alpha.partner.id, "and the primary match (the only one sharing a focus area)");
  t.ok(candidate?.leadId, "the match became a lead");
  t.ok(candidate && candidate.reasons.length > 0, "with reasons");

  const leads = await poll(
    () => alpha.client.partnerLeads(alpha.partner.id),
    (items) => items.length > 0,
    { timeoutMs: EVENTUAL_MS },
    "the partner's lead",
  );
  t.equal(leads.length, 1, "the partner sees one lead");
  t.equal(leads[0]?.id, candidate?.leadId);
  t.equal(leads[0]?.contractor.companyName, "Lone Star Roofing");
  t.equal(leads[0]?.status, "new");
});

t.test("nothing was sent twice", async (t) => {
  const count = <T>(items: T[], key: (item: T) => string) =>
    items.reduce((counts, item) => counts.set(key(item), (counts.get(key(item)) ?? 0) + 1), new Map<string, number>());
  const byAddress = count(mails(), (mail) => mail.to.join(","));
  const byPhone = count(stack.sms, (request) => request.form.To ?? "");
  t.same(
    main.references.map((reference) => byAddress.get(reference.email)),
    main.references.map(() => 2),
    "each of the partner's references got 2 e-mails: the pre-onboarding and the quarterly invitation",
  );
  const phones = main.references.flatMap((reference) => (reference.phone ? [reference.phone] : []));
  t.same(
    phones.map((phone) => byPhone.get(phone)),
    phones.map(() => 2),
    "and each phone 2 SMS",
  );
  t.equal(
    mails().filter((mail) => mail.to.includes(main.signUp.email) && /approved/i.test(mail.subject)).length,
    1,
    "one approval e-mail",
  );
});

t.test("latency summary", async (t) => {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0
      ? Number.NaN
      : (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
  };
  const show = (values: number[]) => values.map((value) => value.toFixed(0)).join(", ");
  t.comment(
    `5th response submit → updated landing page: median ${median(latencies.fifth).toFixed(0)} ms (${show(latencies.fifth)})`,
  );
  t.comment(`6th response submit → updated landing page: ${show(latencies.later)} ms`);
  t.ok(latencies.fifth.length >= 1, "measured");
});
