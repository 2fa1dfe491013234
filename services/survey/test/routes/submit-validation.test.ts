import { randomUUID } from "node:crypto";
import t from "tap";
import type { QuestionType } from "../../src/domain/questions.ts";
import { startManualCampaigns } from "../../src/usecases/start-manual-campaigns.ts";
import { invitationTokens, outboxData, seedPartner, startSurvey } from "../helper.ts";

/** A valid customer answer set; each case below breaks one answer of one question type. */
const VALID = { overall: 9, communication: 4, value: 5, results: 4, recommend: 10, again: true, improve: "ok" };

const BAD_VALUES: Record<QuestionType, { question: string; values: unknown[] }> = {
  scale_0_10: { question: "overall", values: [-1, 11, 4.5, "7", true, null, [], {}] },
  scale_1_5: { question: "communication", values: [0, 6, 2.5, "3", false, [3]] },
  nps: { question: "recommend", values: [-1, 11, 9.9, "10", true] },
  text: { question: "improve", values: [5, true, "x".repeat(1001), ["a"], { a: 1 }] },
  yes_no: { question: "again", values: ["yes", 1, 0, "true", [true]] },
};

t.test("POST /public/surveys/{token}/responses validation", async (t) => {
  const { app, db, deps } = await startSurvey(t);
  const partnerId = await seedPartner(db);
  const [created] = await startManualCampaigns(deps, { partnerId, adminUserId: "admin-1" });
  const token = (await invitationTokens(db, created!.campaignId!))[0]!;
  const submit = (body: Record<string, unknown>) =>
    app.inject({ method: "POST", url: `/public/surveys/${token}/responses`, payload: body });

  for (const [type, { question, values }] of Object.entries(BAD_VALUES)) {
    t.test(`refuses bad ${type} answers naming the question`, async (t) => {
      for (const value of values) {
        const res = await submit({ submissionId: randomUUID(), answers: { ...VALID, [question]: value } });
        t.equal(res.statusCode, 400, `${type} ${JSON.stringify(value)}`);
        t.match(res.json().errors, [{ field: `answers.${question}` }]);
      }
    });
  }

  t.test("refuses missing required answers, unknown questions, an overlong comment and empty answers", async (t) => {
    const { overall: _omitted, ...missing } = VALID;
    const cases: Array<[Record<string, unknown>, string]> = [
      [missing, "answers.overall"],
      [{ ...VALID, bogus: 3 }, "answers.bogus"],
      [{ ...VALID, overall: "   " }, "answers.overall"],
    ];
    for (const [answers, field] of cases) {
      const res = await submit({ submissionId: randomUUID(), answers });
      t.equal(res.statusCode, 400);
      t.match(res.json().errors, [{ field }]);
    }
    const long = await submit({ submissionId: randomUUID(), answers: VALID, comment: "x".repeat(2001) });
    t.match(long.json().errors, [{ field: "comment" }]);
    t.equal((await submit({ submissionId: randomUUID(), answers: {} })).statusCode, 400);
    t.equal((await submit({ submissionId: "not-a-uuid", answers: VALID })).statusCode, 400);
  });

  t.test("nothing was stored and the link still works", async (t) => {
    t.equal(await db.response.count(), 0);
    t.equal((await outboxData(db, "response.recorded")).length, 0);
    t.equal(await db.recipient.count({ where: { usedAt: { not: null } } }), 0);
    const ok = await submit({ submissionId: randomUUID(), answers: { ...VALID, again: false, improve: "" } });
    t.equal(ok.statusCode, 201);
    const [recorded] = await outboxData(db, "response.recorded");
    t.notOk((recorded!.answers as { questionId: string }[]).some((answer) => answer.questionId === "improve"));
  });
});
