import { randomUUID } from "node:crypto";
import t from "tap";
import { startManualCampaigns } from "../../src/usecases/start-manual-campaigns.ts";
import { invitationTokens, outboxData, seedPartner, startSurvey } from "../helper.ts";

const VALID = {
  overall: 9,
  communication: 4,
  value: 5,
  results: 4,
  recommend: 10,
  again: true,
  improve: "Faster quotes",
};

t.test("public survey endpoints", async (t) => {
  const { app, db, deps } = await startSurvey(t, { env: { RESPONSE_THRESHOLD: "5" } });
  const partnerId = await seedPartner(db);
  const [created] = await startManualCampaigns(deps, { partnerId, adminUserId: "admin-1" });
  const campaignId = created!.campaignId!;
  const tokens = await invitationTokens(db, campaignId);
  // The first five recipients are customers (references are ordered by audience).
  const customerTokens = tokens.slice(0, 5);
  const submit = (token: string, body: Record<string, unknown>) =>
    app.inject({ method: "POST", url: `/public/surveys/${token}/responses`, payload: body });

  t.test(
    "GET shows the pinned questions and the partner, nothing about the recipient, and never uses the link",
    async (t) => {
      const token = customerTokens[0]!;
      for (let i = 0; i < 3; i++) {
        const res = await app.inject(`/public/surveys/${token}`);
        t.equal(res.statusCode, 200);
        t.equal(res.headers["referrer-policy"], "no-referrer");
        const body = res.json();
        t.equal(body.partnerName, "Acme Roofing");
        t.equal(body.audience, "CUSTOMER");
        t.same(Object.keys(body).sort(), ["audience", "expiresAt", "partnerName", "quarter", "template"]);
        t.notMatch(res.body, /customer person|@example\.com|\+1555/);
      }
      const used = await db.recipient.count({ where: { campaignId, usedAt: { not: null } } });
      t.equal(used, 0);
    },
  );

  t.test("unknown and malformed tokens are 404 with a clear code", async (t) => {
    const unknown = await app.inject(`/public/surveys/${"A".repeat(43)}`);
    t.equal(unknown.statusCode, 404);
    t.equal(unknown.json().code, "SURVEY_LINK_UNKNOWN");
    t.equal((await app.inject("/public/surveys/short")).json().code, "SURVEY_LINK_UNKNOWN");
  });

  t.test("twenty simultaneous submits on one token record exactly one response", async (t) => {
    const token = customerTokens[0]!;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submit(token, { submissionId: randomUUID(), answers: VALID })),
    );
    const statuses = results.map((res) => res.statusCode).sort();
    t.same(statuses, [201, ...Array(19).fill(409)]);
    t.ok(results.filter((res) => res.statusCode === 409).every((res) => res.json().code === "SURVEY_ALREADY_ANSWERED"));
    t.equal(await db.response.count({ where: { campaignId } }), 1);
    t.equal((await outboxData(db, "response.recorded")).length, 1);
    const again = await app.inject(`/public/surveys/${token}`);
    t.equal(again.statusCode, 409);
  });

  t.test("a retried submit with the same submission id returns the first result", async (t) => {
    const token = customerTokens[1]!;
    const body = { submissionId: randomUUID(), answers: VALID, comment: "Great crew", consentToPublish: true };
    const first = await submit(token, body);
    const retry = await submit(token, body);
    t.equal(first.statusCode, 201);
    t.equal(retry.statusCode, 200);
    t.same(retry.json(), first.json());
    const other = await submit(token, { ...body, submissionId: randomUUID() });
    t.equal(other.statusCode, 409);
    t.equal((await outboxData(db, "response.recorded")).length, 2);
  });

  t.test("response.recorded carries no recipient identity", async (t) => {
    const [, withComment] = await outboxData(db, "response.recorded");
    t.same(Object.keys(withComment!).sort(), [
      "answers",
      "audience",
      "campaignId",
      "comment",
      "consentToPublish",
      "partnerId",
      "quarter",
      "responseId",
      "submittedAt",
      "templateId",
      "templateVersion",
    ]);
    const text = JSON.stringify(withComment);
    const recipients = await db.recipient.findMany({ where: { campaignId } });
    for (const recipient of recipients) t.notOk(text.includes(recipient.id), "no recipient id");
    for (const token of tokens) t.notOk(text.includes(token), "no token");
    t.notMatch(text, /customer person|@example\.com|\+1555|customer-/);
    t.equal(withComment!.consentToPublish, true);
    t.match(withComment!.answers, [
      { questionId: "overall", type: "QUESTION_TYPE_RATING", numericValue: 9, scaleMin: 0, scaleMax: 10 },
    ]);
  });

  t.test("the threshold event fires once when the partner's window reaches the threshold", async (t) => {
    const remaining = [...customerTokens.slice(2), ...tokens.slice(5, 7)];
    const employee = { overall: 8, leadership: 4, communication: 4, customer_focus: 5, recommend: 9 };
    const answersFor = (index: number) => (index < 3 ? VALID : employee);
    await Promise.all(
      remaining.map((token, index) => submit(token, { submissionId: randomUUID(), answers: answersFor(index) })),
    );
    t.equal(await db.response.count({ where: { campaignId } }), 7);
    const reached = await outboxData(db, "campaign.threshold_reached");
    t.equal(reached.length, 1);
    t.match(reached[0], { partnerId, threshold: 5, responseCount: 5 });
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    t.equal(campaign.responseCount, 7);
  });

  t.test("expired links are refused with 410", async (t) => {
    const token = tokens[9]!;
    await db.recipient.updateMany({
      where: { campaignId, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const get = await app.inject(`/public/surveys/${token}`);
    t.equal(get.statusCode, 410);
    t.equal(get.json().code, "SURVEY_LINK_EXPIRED");
    t.equal((await submit(token, { submissionId: randomUUID(), answers: VALID })).statusCode, 410);
  });

  t.test("unknown body fields are refused, naming the field", async (t) => {
    const res = await submit(tokens[8]!, { submissionId: randomUUID(), answers: VALID, recipientId: "x" });
    t.equal(res.statusCode, 400);
    t.match(res.json().errors, [{ field: "body.recipientId" }]);
  });
});
