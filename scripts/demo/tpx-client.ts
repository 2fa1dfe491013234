// A small typed client of TPX's public API: everything goes through the gateway's one origin, as a portal, a
// respondent's browser or a script would. Used by the end-to-end suite (test/e2e) and the demo seeding of `npm start`.
// Plain fetch, a base URL and a bearer token; problem+json answers become TpxApiError.

/** An answer outside 2xx: its status and body (the problem+json document when there is one). */
export class TpxApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly method: string;
  readonly path: string;

  constructor(method: string, path: string, status: number, body: unknown) {
    const problem = body as { code?: string; detail?: string; title?: string } | undefined;
    const reason = problem?.detail ?? problem?.title ?? (typeof body === "string" ? body.slice(0, 200) : "");
    super(`${method} ${path} answered ${status}${problem?.code ? ` ${problem.code}` : ""}: ${reason}`);
    this.name = "TpxApiError";
    this.status = status;
    this.body = body;
    this.method = method;
    this.path = path;
  }

  /** The problem's machine-readable code, e.g. "EMAIL_TAKEN". */
  get code(): string | undefined {
    return (this.body as { code?: string } | undefined)?.code;
  }
}

export type Role = "admin" | "partner" | "contractor";
export type PaymentTier = "FREE" | "VERIFIED" | "GOLD";

export interface User {
  id: string;
  email: string;
  role: Role;
  displayName: string | null;
  partnerId: string | null;
  contractorId: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Session {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface AuthResult {
  user: User;
  session: Session;
}

export interface SignUpInput {
  email: string;
  password: string;
  role: "partner" | "contractor";
  displayName?: string;
  companyName?: string;
}

export interface Address {
  street: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface Reference {
  name: string;
  company: string;
  email: string;
  phone?: string;
}

/** The body of each of the 8 onboarding steps. */
export interface OnboardingSteps {
  company: {
    companyName?: string;
    website?: string;
    description?: string;
    logoUrl?: string;
    contactEmail?: string;
    contactPhone?: string;
    address?: Address;
  };
  capabilities: { capabilities: { key: string; name: string; description?: string }[] };
  "focus-areas": { focusAreas?: string[]; revenueTiers?: string[] };
  "service-regions": { serviceRegions: string[] };
  videos: { videos: { title: string; url: string }[] };
  "customer-references": { references: Reference[] };
  "employee-references": { references: Reference[] };
  "payment-tier": { paymentTier: PaymentTier };
}

export type OnboardingStep = keyof OnboardingSteps;

/** The steps in their order (1–8). */
export const ONBOARDING_STEPS: readonly OnboardingStep[] = [
  "company",
  "capabilities",
  "focus-areas",
  "service-regions",
  "videos",
  "customer-references",
  "employee-references",
  "payment-tier",
];

export type PartnerStatus = "DRAFT" | "SUBMITTED" | "APPROVED" | "ACTIVE" | "INACTIVE" | "REJECTED";

export interface Partner {
  id: string;
  status: PartnerStatus;
  slug: string;
  paymentTier: PaymentTier;
  ownerUserId: string | null;
  companyName: string;
  focusAreas: string[];
  revenueTiers: string[];
  serviceRegions: string[];
  profileCompletion: number;
  missing: { field: string; have: number; need: number }[];
  onboarding: {
    currentStep: number | null;
    completedSteps: number[];
    steps: { number: number; name: string; complete: boolean }[];
  };
  pcrScore: number | null;
  approvedAt: string | null;
  [field: string]: unknown;
}

export interface Campaign {
  id: string;
  partnerId: string;
  partnerName: string | null;
  kind: "PRE_ONBOARDING" | "QUARTERLY" | "MANUAL";
  quarter: string;
  state: "OPEN" | "CLOSED";
  opensAt: string;
  closesAt: string;
  counts: { recipients: number; invitations: number; reminders: number; responses: number };
  createdAt: string;
}

export interface QuarterlyRunResult {
  period: string;
  outcome: string;
  created: number;
  skipped: number;
}

export type QuestionType = "scale_0_10" | "scale_1_5" | "nps" | "text" | "yes_no";

export interface Survey {
  partnerName: string;
  audience: "CUSTOMER" | "EMPLOYEE";
  quarter: string;
  expiresAt: string;
  template: {
    id: string;
    version: number;
    questions: { id: string; text: string; type: QuestionType; category: string; required: boolean }[];
  };
}

/** An HTML page as a browser would get it. */
export interface Page {
  status: number;
  html: string;
  headers: Headers;
}

export interface SurveyPage extends Page {
  /** The hidden submissionId of the form (a retried submit with it is answered as the same submission). */
  submissionId: string | undefined;
  /** The form's question fields (`q_<questionId>`). */
  fields: string[];
}

export interface ScoreBreakdown {
  profile: number;
  feedback: number;
  base: number;
  tier: string;
  paymentMultiplier: number;
  payment: number;
  momentum: string;
  momentumPoints: number;
  previousQuarter: string | null;
  previousFeedback: number | null;
  final: number;
  formula: string;
}

export interface CurrentScore {
  partnerId: string;
  status: "none" | "pending" | "scored";
  score: number | null;
  momentum: string | null;
  badges: { code: string; label: string; kind: string }[];
  tier: string;
  profileCompletion: number;
  revision: number;
  computedAt: string | null;
  window: { quarter: string; responseCount: number; responsesNeeded: number } | null;
  pending: { have: number; need: number } | null;
  breakdown: ScoreBreakdown | null;
  [field: string]: unknown;
}

export interface ContractorProfile {
  companyName: string;
  revenueTier: string;
  state: string;
  focusAreas: string[];
  goals?: string[];
  capabilitiesNeeded?: string[];
  contactName: string;
  contactEmail: string;
  contactPhone?: string | null;
}

export interface MatchCandidate {
  partnerId: string;
  slug: string;
  companyName: string;
  rank: number;
  score: number;
  confidence: number;
  components: { focus: number; revenue: number; geography: number; capability: number };
  reasons: string[];
  pcrScore: number | null;
  isPrimary: boolean;
  leadId: string | null;
}

export interface Match {
  matchId: string;
  contractorId: string;
  algorithmVersion: string;
  trigger: string;
  primaryPartnerId: string | null;
  eligibleCount: number;
  createdAt: string;
  candidates: MatchCandidate[];
}

export interface Lead {
  id: string;
  partnerId: string;
  contractorId: string;
  matchId: string;
  status: string;
  allowedNext: string[];
  value: number | null;
  createdAt: string;
  contractor: { companyName: string; contactName: string; contactEmail: string; revenueTier: string; state: string };
  [field: string]: unknown;
}

export interface PublicPartner {
  slug: string;
  companyName: string;
  pcr: { score: number; badges: string[]; momentum: string; responseCount: number } | null;
  pcrStatus: "scored" | "pending";
  testimonials: { text: string; audience: string; quarter: string; rating?: number }[];
  [field: string]: unknown;
}

export interface MailboxEntry {
  id: string;
  sentAt: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string;
}

export interface RequestOptions {
  body?: unknown;
  /** A form post (application/x-www-form-urlencoded) instead of JSON. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Send without the bearer token (public pages, survey links). */
  anonymous?: boolean;
}

/** The survey link's token, from the link itself or from any text (a message) that contains one. */
export function surveyTokenFrom(urlOrText: string): string | undefined {
  return /\/s\/([A-Za-z0-9_-]{16,})/.exec(urlOrText)?.[1];
}

/** Every survey link in a text (a message body), in order of appearance, without duplicates. */
export function surveyLinksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s"'<>]+\/s\/[A-Za-z0-9_-]{16,}/g) ?? [])];
}

/** The PCR as the public landing page shows it, or undefined when the page shows none yet. */
export function landingPcr(html: string): { score: number; responseCount: number | undefined } | undefined {
  const score = /id="pcr-score">([^<]+)</.exec(html)?.[1];
  if (score === undefined) return undefined;
  const responses = /Verified responses<\/th><td>(\d+)</.exec(html)?.[1];
  return { score: Number(score), responseCount: responses === undefined ? undefined : Number(responses) };
}

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

export class TpxClient {
  readonly baseUrl: string;
  /** The bearer token sent with every request that is not anonymous. */
  token: string | undefined;
  /** The latest session this client got (sign-up, login, refresh). */
  session: Session | undefined;

  constructor(baseUrl: string, token?: string) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.token = token;
  }

  /** Another client on the same gateway, without credentials (or with the given token). */
  fork(token?: string): TpxClient {
    return new TpxClient(this.baseUrl, token);
  }

  // ---- plumbing -------------------------------------------------------------------------------------------------

  /** A request as it goes out: JSON or form body, bearer token; the raw Response, whatever its status. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json, text/html;q=0.9", ...options.headers };
    if (this.token && !options.anonymous) headers.authorization = `Bearer ${this.token}`;
    let body: string | undefined;
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    } else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: "manual",
    });
  }

  /** JSON in, JSON out; anything but 2xx throws TpxApiError with the problem document. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    let parsed: unknown = text;
    if (text && (response.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
    if (!response.ok) throw new TpxApiError(method, path, response.status, parsed);
    return (text === "" ? undefined : parsed) as T;
  }

  /** A page as a browser gets it (no token): any status is returned, not thrown. */
  async page(path: string, options: RequestOptions = {}): Promise<Page> {
    const response = await this.send(options.form ? "POST" : "GET", path, { ...options, anonymous: true });
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  // ---- identity (gateway) ---------------------------------------------------------------------------------------

  private useSession(result: AuthResult): AuthResult {
    this.token = result.session.accessToken;
    this.session = result.session;
    return result;
  }

  /** Creates a partner or contractor account; this client then acts as that user. */
  async signup(input: SignUpInput): Promise<AuthResult> {
    return this.useSession(
      await this.request<AuthResult>("POST", "/api/gateway/auth/signup", { body: input, anonymous: true }),
    );
  }

  /** Logs in; this client then acts as that user. */
  async login(email: string, password: string): Promise<AuthResult> {
    return this.useSession(
      await this.request<AuthResult>("POST", "/api/gateway/auth/login", { body: { email, password }, anonymous: true }),
    );
  }

  /** A new access token (with the claims the user has now, e.g. a partner id attached since sign-up). */
  async refresh(refreshToken = this.session?.refreshToken): Promise<Session> {
    if (!refreshToken) throw new Error("no refresh token: sign up or log in first");
    const session = await this.request<Session>("POST", "/api/gateway/auth/refresh", {
      body: { refreshToken },
      anonymous: true,
    });
    this.token = session.accessToken;
    this.session = session;
    return session;
  }

  async me(): Promise<User> {
    return this.request<User>("GET", "/api/gateway/auth/me");
  }

  /**
   * A partner sign-up gets its partner a moment later (the partner service creates it from `user.registered`).
   * Waits until the account carries the partner id, then refreshes so the token does too.
   */
  async waitForPartnerId(options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<string> {
    const user = await poll(
      () => this.me(),
      (me) => me.partnerId !== null,
      options,
      "the account's partner id",
    );
    await this.refresh();
    return user.partnerId as string;
  }

  // ---- partner: profile and onboarding ----------------------------------------------------------------------------

  async myPartner(): Promise<Partner> {
    return this.request<Partner>("GET", "/api/partner/partners/me");
  }

  async partner(partnerId: string): Promise<Partner> {
    return this.request<Partner>("GET", `/api/partner/partners/${partnerId}`);
  }

  async saveOnboardingStep<S extends OnboardingStep>(
    partnerId: string,
    step: S,
    body: OnboardingSteps[S],
  ): Promise<Partner> {
    return this.request<Partner>("PUT", `/api/partner/partners/${partnerId}/onboarding/steps/${step}`, { body });
  }

  async submitOnboarding(partnerId: string): Promise<Partner> {
    return this.request<Partner>("POST", `/api/partner/partners/${partnerId}/onboarding/submit`);
  }

  /** Saves all 8 steps in order, then submits. */
  async completeOnboarding(partnerId: string, steps: OnboardingSteps): Promise<Partner> {
    for (const step of ONBOARDING_STEPS) await this.saveOnboardingStep(partnerId, step, steps[step]);
    return this.submitOnboarding(partnerId);
  }

  async updateProfile(partnerId: string, patch: Partial<OnboardingSteps["company"]> & Record<string, unknown>) {
    return this.request<Partner>("PATCH", `/api/partner/partners/${partnerId}/profile`, { body: patch });
  }

  // ---- admin ----------------------------------------------------------------------------------------------------

  async approvePartner(partnerId: string, reason?: string): Promise<Partner> {
    return this.request<Partner>("POST", `/api/partner/admin/partners/${partnerId}/approve`, {
      body: reason ? { reason } : {},
    });
  }

  async activatePartner(partnerId: string): Promise<Partner> {
    return this.request<Partner>("POST", `/api/partner/admin/partners/${partnerId}/activate`, { body: {} });
  }

  async adminPartner(partnerId: string): Promise<Partner> {
    return this.request<Partner>("GET", `/api/partner/admin/partners/${partnerId}`);
  }

  async setPaymentTier(partnerId: string, tier: PaymentTier, reason?: string): Promise<Partner> {
    return this.request<Partner>("PUT", `/api/partner/admin/partners/${partnerId}/tier`, {
      body: { tier, ...(reason ? { reason } : {}) },
    });
  }

  /** An admin creates a partner: a draft without an owner user, which the admin can then onboard. */
  async createPartner(input: { companyName: string; paymentTier?: PaymentTier }): Promise<Partner> {
    return this.request<Partner>("POST", "/api/partner/admin/partners", { body: input });
  }

  async rejectPartner(partnerId: string, reason: string): Promise<Partner> {
    return this.request<Partner>("POST", `/api/partner/admin/partners/${partnerId}/reject`, { body: { reason } });
  }

  async deactivatePartner(partnerId: string, reason?: string): Promise<Partner> {
    return this.request<Partner>("POST", `/api/partner/admin/partners/${partnerId}/deactivate`, {
      body: reason ? { reason } : {},
    });
  }

  /** Admin search over every partner, whatever its status. */
  async searchPartners(
    query: { q?: string; status?: PartnerStatus; limit?: number } = {},
  ): Promise<{ items: Partner[]; nextCursor: string | null }> {
    return this.request("GET", `/api/partner/admin/partners${qs(query)}`);
  }

  /** Admin: the user accounts, newest first. */
  async users(query: { role?: Role; limit?: number } = {}): Promise<User[]> {
    const result = await this.request<{ items: User[] }>("GET", `/api/gateway/admin/users${qs(query)}`);
    return result.items;
  }

  /** The quarterly PowerCard run now (default: the latest quarter whose run time has passed). */
  async runQuarterlyCampaigns(period?: string): Promise<QuarterlyRunResult> {
    const query = period ? `?period=${encodeURIComponent(period)}` : "";
    return this.request<QuarterlyRunResult>("POST", `/api/survey/admin/jobs/quarterly/run${query}`);
  }

  async campaigns(
    query: { partnerId?: string; kind?: Campaign["kind"]; quarter?: string; state?: string; limit?: number } = {},
  ): Promise<Campaign[]> {
    const result = await this.request<{ items: Campaign[] }>("GET", `/api/survey/admin/campaigns${qs(query)}`);
    return result.items;
  }

  /** A manual campaign for one partner. */
  async startCampaign(partnerId: string): Promise<{ partnerId: string; outcome: string; campaignId?: string }[]> {
    const result = await this.request<{ items: { partnerId: string; outcome: string; campaignId?: string }[] }>(
      "POST",
      "/api/survey/admin/campaigns",
      { body: { partnerId } },
    );
    return result.items;
  }

  /** The message log (admin; addresses masked). */
  async messages(
    query: {
      partnerId?: string;
      campaignId?: string;
      channel?: "email" | "sms";
      template?: string;
      limit?: number;
    } = {},
  ): Promise<{ id: string; channel: string; recipient: string; template: string; status: string }[]> {
    const result = await this.request<{
      items: { id: string; channel: string; recipient: string; template: string; status: string }[];
    }>("GET", `/api/notification/admin/messages${qs(query)}`);
    return result.items;
  }

  // ---- the dev mailbox (development: messages that were not really sent) ----------------------------------------

  async mailbox(): Promise<MailboxEntry[]> {
    const page = await this.page("/dev/mailbox");
    if (page.status !== 200) throw new TpxApiError("GET", "/dev/mailbox", page.status, page.html);
    const rows = page.html.matchAll(
      /<tr><td>([^<]*)<\/td><td>(email|sms)<\/td>\s*<td>([^<]*)<\/td><td><a href="\/dev\/mailbox\/([0-9a-f-]{36})">([^<]*)<\/a><\/td><\/tr>/g,
    );
    return [...rows].map(([, sentAt, channel, recipient, id, subject]) => ({
      id: id as string,
      sentAt: sentAt as string,
      channel: channel as "email" | "sms",
      recipient: decodeEntities(recipient as string),
      subject: decodeEntities(subject as string),
    }));
  }

  /** One dev-mailbox message's text body. */
  async mailboxMessage(id: string): Promise<string> {
    const page = await this.page(`/dev/mailbox/${id}`);
    if (page.status !== 200) throw new TpxApiError("GET", `/dev/mailbox/${id}`, page.status, page.html);
    return decodeEntities(/<pre[^>]*>([\s\S]*?)<\/pre>/.exec(page.html)?.[1] ?? "");
  }

  // ---- the respondent's side: survey links ------------------------------------------------------------------------

  /** GET /s/{token}: the survey form (opening never uses the link up). */
  async openSurveyPage(tokenOrUrl: string): Promise<SurveyPage> {
    const page = await this.page(`/s/${tokenOf(tokenOrUrl)}`, { headers: { accept: "text/html" } });
    return {
      ...page,
      submissionId: /name="submissionId" value="([^"]+)"/.exec(page.html)?.[1],
      fields: [...new Set([...page.html.matchAll(/name="(q_[^"]+)"/g)].map((match) => match[1] as string))],
    };
  }

  /**
   * POST /s/{token} as the browser's form post: answers by question id (numbers, "yes"/"no", text), plus the comment
   * and consent to publish it. 200 is the thank-you page; 400 the form again with its errors; 404/409/410 a page that
   * says why the link no longer works.
   */
  async submitSurveyForm(
    tokenOrUrl: string,
    input: {
      answers: Record<string, number | string | boolean>;
      comment?: string;
      consent?: boolean;
      submissionId?: string;
    },
  ): Promise<Page> {
    const form: Record<string, string> = {};
    for (const [question, value] of Object.entries(input.answers)) {
      form[`q_${question}`] = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
    }
    if (input.comment !== undefined) form.comment = input.comment;
    if (input.consent) form.consent = "yes";
    if (input.submissionId) form.submissionId = input.submissionId;
    return this.page(`/s/${tokenOf(tokenOrUrl)}`, { form, headers: { accept: "text/html" } });
  }

  /** The survey as JSON (questions of the pinned template version). */
  async survey(tokenOrUrl: string): Promise<Survey> {
    return this.request<Survey>("GET", `/api/survey/public/surveys/${tokenOf(tokenOrUrl)}`, { anonymous: true });
  }

  /** The JSON way to answer (apps); `submissionId` makes a retry the same submission. */
  async submitSurvey(
    tokenOrUrl: string,
    input: {
      submissionId: string;
      answers: Record<string, number | string | boolean>;
      comment?: string;
      consentToPublish?: boolean;
    },
  ): Promise<{ responseId: string; submittedAt: string }> {
    return this.request("POST", `/api/survey/public/surveys/${tokenOf(tokenOrUrl)}/responses`, {
      body: input,
      anonymous: true,
    });
  }

  // ---- public pages -----------------------------------------------------------------------------------------------

  /** The partner's public profile as JSON (what the landing page is rendered from); 404 unless approved or active. */
  async publicPartner(slug: string): Promise<PublicPartner> {
    return this.request<PublicPartner>("GET", `/api/partner/public/partners/${encodeURIComponent(slug)}`, {
      anonymous: true,
    });
  }

  async landingPage(slug: string): Promise<Page> {
    return this.page(`/pcr/${encodeURIComponent(slug)}`, { headers: { accept: "text/html" } });
  }

  async directoryPage(query: { q?: string; focusArea?: string; region?: string } = {}): Promise<Page> {
    return this.page(`/partners${qs(query)}`, { headers: { accept: "text/html" } });
  }

  // ---- scoring analytics (the partner's own, or an admin) -------------------------------------------------------

  async score(partnerId: string): Promise<CurrentScore> {
    return this.request<CurrentScore>("GET", `/api/scoring/partners/${partnerId}/score`);
  }

  async scoreHistory(partnerId: string, limit = 50): Promise<{ scores: unknown[]; quarters: unknown[] }> {
    return this.request("GET", `/api/scoring/partners/${partnerId}/history?limit=${limit}`);
  }

  async feedback(partnerId: string): Promise<Record<string, unknown>> {
    return this.request("GET", `/api/scoring/partners/${partnerId}/feedback`);
  }

  // ---- matching: contractors and leads ------------------------------------------------------------------------------

  /** Creates or updates the contractor's profile; a new profile is matched at once (the match comes back). */
  async saveContractor(
    contractorId: string,
    profile: ContractorProfile,
  ): Promise<{ contractor: ContractorProfile & { id: string }; match: Match | null }> {
    return this.request("PUT", `/api/matching/contractors/${contractorId}`, { body: profile });
  }

  async matchContractor(contractorId: string, limit?: number): Promise<Match> {
    return this.request<Match>("POST", `/api/matching/contractors/${contractorId}/matches`, {
      body: limit === undefined ? {} : { limit },
    });
  }

  async contractorLeads(contractorId: string): Promise<Record<string, unknown>[]> {
    const result = await this.request<{ items: Record<string, unknown>[] }>(
      "GET",
      `/api/matching/contractors/${contractorId}/leads`,
    );
    return result.items;
  }

  /** The partner's lead pipeline. */
  async partnerLeads(partnerId: string, query: { status?: string; q?: string; limit?: number } = {}): Promise<Lead[]> {
    const result = await this.request<{ items: Lead[] }>(
      "GET",
      `/api/matching/partners/${partnerId}/leads${qs(query)}`,
    );
    return result.items;
  }

  async lead(leadId: string): Promise<Lead> {
    return this.request<Lead>("GET", `/api/matching/leads/${leadId}`);
  }

  async setLeadStatus(leadId: string, status: string): Promise<{ status: string }> {
    return this.request("POST", `/api/matching/leads/${leadId}/status`, { body: { status } });
  }

  async sendLeadMessage(leadId: string, body: string): Promise<Record<string, unknown>> {
    return this.request("POST", `/api/matching/leads/${leadId}/messages`, { body: { body } });
  }
}

function tokenOf(tokenOrUrl: string): string {
  return tokenOrUrl.includes("/") ? (surveyTokenFrom(tokenOrUrl) ?? tokenOrUrl) : tokenOrUrl;
}

function qs(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Calls `read` until `done` says yes; the last value, or an error naming what never came. */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
  what = "the condition",
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
