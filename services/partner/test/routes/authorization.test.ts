import t from "tap";
import { STEP_INPUT } from "../fixtures.ts";
import { startPartner } from "../helper.ts";

const h = await startPartner(t);
const mine = await h.partnerUser("Mine Co");
const theirs = await h.partnerUser("Theirs Co");

t.test("a partner user and another partner", async (t) => {
  t.test("cannot read, edit, preview, onboard, submit or audit another partner", async (t) => {
    const before = await h.db.partner.findUniqueOrThrow({ where: { id: theirs.id } });
    const attempts: [string, string, unknown?][] = [
      ["GET", `/partners/${theirs.id}`],
      ["PATCH", `/partners/${theirs.id}/profile`, { description: "hijacked" }],
      ["POST", `/partners/${theirs.id}/profile/preview`, { description: "peek" }],
      ["PUT", `/partners/${theirs.id}/onboarding/steps/company`, STEP_INPUT.company],
      ["POST", `/partners/${theirs.id}/onboarding/submit`],
      ["GET", `/partners/${theirs.id}/audit`],
      ["GET", `/partners/${crypto.randomUUID()}`],
    ];
    for (const [method, url, body] of attempts) {
      const res = await h.call(method, url, mine.headers, body);
      t.equal(res.statusCode, 403, `${method} ${url}`);
    }
    const after = await h.db.partner.findUniqueOrThrow({ where: { id: theirs.id } });
    t.same(after, before, "nothing changed");
  });

  t.test("cannot reach admin routes, so lists never show other partners", async (t) => {
    const attempts: [string, string, unknown?][] = [
      ["GET", "/admin/partners"],
      ["GET", `/admin/partners/${theirs.id}`],
      ["POST", `/admin/partners/${mine.id}/approve`, {}],
      ["PUT", `/admin/partners/${mine.id}/tier`, { tier: "GOLD" }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await h.call(method, url, mine.headers, body);
      t.equal(res.statusCode, 403, `${method} ${url}`);
    }
    const me = await h.call("GET", "/partners/me", mine.headers);
    t.equal(me.json().id, mine.id, "/partners/me is only its own partner");
  });

  t.test("fields a partner may not set are refused with 400 naming them, not ignored", async (t) => {
    for (const field of ["status", "paymentTier", "slug", "pcrScore", "profileCompletion", "ownerUserId"]) {
      const res = await h.call("PATCH", `/partners/${mine.id}/profile`, mine.headers, {
        description: "ok",
        [field]: "x",
      });
      t.equal(res.statusCode, 400, field);
      t.same(res.json().errors, [{ field: `body.${field}`, message: "is not allowed" }]);
    }
    t.equal((await h.db.partner.findUniqueOrThrow({ where: { id: mine.id } })).description, null, "nothing stored");
  });

  t.test("a token without partner_id still reaches the partner the user signed up", async (t) => {
    const headers = await h.service.auth.headers({ role: "partner", userId: mine.userId });
    t.equal((await h.call("GET", "/partners/me", headers)).json().id, mine.id);
    t.equal((await h.call("GET", `/partners/${mine.id}`, headers)).statusCode, 200);
    t.equal((await h.call("GET", `/partners/${theirs.id}`, headers)).statusCode, 403);
  });

  t.test("contractors and anonymous callers are refused", async (t) => {
    const contractor = await h.service.auth.headers({ role: "contractor" });
    t.equal((await h.call("GET", `/partners/${mine.id}`, contractor)).statusCode, 403);
    t.equal((await h.call("GET", `/partners/${mine.id}`, {})).statusCode, 401);
  });
});

t.test("self-service editing with preview", async (t) => {
  const preview = await h.call("POST", `/partners/${mine.id}/profile/preview`, mine.headers, {
    description: "We fix roofs.",
    videos: [{ title: "Demo", url: "https://youtu.be/dQw4w9WgXcQ" }],
  });
  t.equal(preview.statusCode, 200);
  t.match(preview.json().publicProfile, { description: "We fix roofs.", videos: [{ provider: "youtube" }] });
  t.ok(preview.json().profileCompletion > 0);
  t.equal(
    (await h.db.partner.findUniqueOrThrow({ where: { id: mine.id } })).description,
    null,
    "preview saves nothing",
  );
  const saved = await h.call("PATCH", `/partners/${mine.id}/profile`, mine.headers, { description: "We fix roofs." });
  t.equal(saved.json().description, "We fix roofs.");
  const audit = (await h.call("GET", `/partners/${mine.id}/audit`, mine.headers)).json().items;
  t.match(audit[0], {
    action: "profile.update",
    actor: { role: "partner", userId: mine.userId },
    before: { description: null },
    after: { description: "We fix roofs." },
  });
  const [event] = (await h.outbox("partner.profile.updated")).filter((e) => e.partnerId === mine.id).slice(-1);
  t.same(event.changedFields, ["description"]);
});
