import t from "tap";
import { startManualCampaigns } from "../../src/usecases/start-manual-campaigns.ts";
import { invitationTokens, seedPartner, startSurvey } from "../helper.ts";

const FORM = "application/x-www-form-urlencoded";
const VALID_FORM = {
  q_overall: "9",
  q_communication: "4",
  q_value: "5",
  q_results: "4",
  q_recommend: "10",
  q_again: "yes",
  comment: "<script>alert(1)</script> great",
  consent: "yes",
};

t.test("survey page /s/{token}", async (t) => {
  const { app, db, deps } = await startSurvey(t);
  const partnerId = await seedPartner(db, { companyName: "Acme & Sons" });
  const [created] = await startManualCampaigns(deps, { partnerId, adminUserId: "admin-1" });
  const tokens = await invitationTokens(db, created!.campaignId!);
  const post = (token: string, fields: Record<string, string>) =>
    app.inject({
      method: "POST",
      url: `/s/${token}`,
      headers: { "content-type": FORM },
      payload: new URLSearchParams(fields).toString(),
    });

  t.test("GET renders an accessible form, escapes the partner name, sets private headers, uses nothing", async (t) => {
    const res = await app.inject(`/s/${tokens[0]}`);
    t.equal(res.statusCode, 200);
    t.match(res.headers["content-type"], /text\/html/);
    t.equal(res.headers["referrer-policy"], "no-referrer");
    t.match(res.headers["content-security-policy"], /default-src 'none'/);
    t.match(res.body, /<html lang="en">/);
    t.match(res.body, /name="viewport"/);
    t.match(res.body, /Acme &amp; Sons/);
    t.match(res.body, /<legend>Overall, how satisfied/);
    t.match(res.body, /<form method="post" action="\/s\/[A-Za-z0-9_-]{43}"/);
    t.equal(await db.recipient.count({ where: { usedAt: { not: null } } }), 0);
  });

  t.test("a form post with a bad answer shows the form again with the errors and the values kept", async (t) => {
    const res = await post(tokens[0]!, { ...VALID_FORM, q_overall: "12", q_communication: "" });
    t.equal(res.statusCode, 400);
    t.match(res.body, /role="alert"/);
    t.match(res.body, /must be between 0 and 10/);
    t.match(res.body, /is required/);
    t.match(res.body, /id="q_recommend_10" name="q_recommend" value="10" checked/);
    t.match(res.body, /&lt;script&gt;/);
    t.equal(await db.response.count(), 0);
  });

  t.test("a valid form post records the response and shows the thank-you page; a second post is refused", async (t) => {
    const res = await post(tokens[0]!, { ...VALID_FORM, submissionId: "8c1f7d2e-6f0a-4c55-9e8e-3c1a2b3c4d5e" });
    t.equal(res.statusCode, 200);
    t.match(res.body, /Thank you/);
    const double = await post(tokens[0]!, { ...VALID_FORM, submissionId: "8c1f7d2e-6f0a-4c55-9e8e-3c1a2b3c4d5e" });
    t.equal(double.statusCode, 200, "a double click with the same form replays the thank-you page");
    const other = await post(tokens[0]!, VALID_FORM);
    t.equal(other.statusCode, 409);
    t.match(other.body, /already answered/);
    const stored = await db.response.findFirstOrThrow();
    t.equal(stored.consentToPublish, true);
    t.equal(await db.response.count(), 1);
  });

  t.test("unknown and used links get clear error pages", async (t) => {
    const unknown = await app.inject("/s/nope");
    t.equal(unknown.statusCode, 404);
    t.match(unknown.body, /This survey link does not work/);
    const used = await app.inject(`/s/${tokens[0]}`);
    t.equal(used.statusCode, 409);
    t.match(used.body, /already answered/);
  });

  t.test("opting out marks the reference", async (t) => {
    const res = await app.inject({ method: "POST", url: `/s/${tokens[1]}/opt-out` });
    t.equal(res.statusCode, 200);
    t.equal(await db.partnerReference.count({ where: { optedOutAt: { not: null } } }), 1);
  });
});

t.test("admin routes", async (t) => {
  const { app, db, auth } = await startSurvey(t);
  const admin = await auth.headers({ role: "admin" });
  const partner = await auth.headers({ role: "partner", partnerId: "00000000-0000-4000-8000-000000000001" });
  const partnerId = await seedPartner(db);

  t.test("need an admin", async (t) => {
    t.equal((await app.inject("/admin/campaigns")).statusCode, 401);
    t.equal((await app.inject({ url: "/admin/templates", headers: partner })).statusCode, 403);
    t.equal((await app.inject({ method: "POST", url: "/admin/jobs/quarterly/run", headers: partner })).statusCode, 403);
  });

  t.test("templates: seeded defaults, a new version on question change, archive rules", async (t) => {
    const list = await app.inject({ url: "/admin/templates", headers: admin });
    t.equal(list.json().items.length, 2);
    const customer = list.json().items.find((item: { audience: string }) => item.audience === "CUSTOMER");
    t.equal(customer.isDefault, true);
    const questions = customer.questions.slice(0, 2);
    const updated = await app.inject({
      method: "PATCH",
      url: `/admin/templates/${customer.id}`,
      headers: admin,
      payload: { questions },
    });
    t.equal(updated.json().currentVersion, 2);
    t.same(updated.json().versions, [1, 2]);
    const v1 = await app.inject({ url: `/admin/templates/${customer.id}?version=1`, headers: admin });
    t.equal(v1.json().questions.length, customer.questions.length);
    const bad = await app.inject({
      method: "POST",
      url: "/admin/templates",
      headers: admin,
      payload: { audience: "CUSTOMER", name: "x", questions: [{ ...questions[0], type: "stars" }] },
    });
    t.equal(bad.statusCode, 400);
    t.equal(
      (await app.inject({ method: "DELETE", url: `/admin/templates/${customer.id}`, headers: admin })).statusCode,
      409,
    );
  });

  t.test("manual campaign, run the quarterly job now, and counts per partner and quarter", async (t) => {
    const manual = await app.inject({
      method: "POST",
      url: "/admin/campaigns",
      headers: admin,
      payload: { partnerId },
    });
    t.equal(manual.statusCode, 201);
    t.match(manual.json().items, [{ partnerId, outcome: "created", recipientCount: 10 }]);
    const run = await app.inject({ method: "POST", url: "/admin/jobs/quarterly/run?period=2027-Q1", headers: admin });
    t.match(run.json(), { period: "2027-Q1", outcome: "completed", created: 1 });
    const campaigns = await app.inject({ url: `/admin/campaigns?partnerId=${partnerId}`, headers: admin });
    t.equal(campaigns.json().items.length, 2);
    t.match(campaigns.json().items[0], { counts: { recipients: 10, invitations: 14, responses: 0 } });
    const summary = await app.inject({ url: "/admin/campaigns/summary?quarter=2027-Q1", headers: admin });
    t.match(summary.json().items, [{ partnerId, quarter: "2027-Q1", campaigns: 1, recipients: 10 }]);
    const status = await app.inject({ url: "/admin/jobs/quarterly", headers: admin });
    t.equal(status.json().lastRun.period, "2027-Q1");
  });
});
