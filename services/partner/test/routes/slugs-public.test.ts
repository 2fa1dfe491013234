import t from "tap";
import { startPartner } from "../helper.ts";

const h = await startPartner(t);

const create = async (companyName: string) => (await h.admin("POST", "/admin/partners", { companyName })).json();
const approve = async (id: string) => {
  await h.db.partner.update({ where: { id }, data: { status: "SUBMITTED" } });
  return h.admin("POST", `/admin/partners/${id}/approve`, {});
};

t.test("slugs", async (t) => {
  t.test("are generated from the company name and collision-safe", async (t) => {
    t.equal((await create("Acme Roofing")).slug, "acme-roofing");
    t.equal((await create("ACME  Roofing!")).slug, "acme-roofing-2");
    t.equal((await create("Acmé Roofing")).slug, "acme-roofing-3");
    t.equal((await create("Bob's Siding & Gutters")).slug, "bobs-siding-and-gutters");
  });

  t.test("concurrent sign-ups of one name get distinct slugs", async (t) => {
    const slugs = await Promise.all([1, 2, 3].map(() => create("Same Name")));
    t.same(slugs.map((p) => p.slug).sort(), ["same-name", "same-name-2", "same-name-3"]);
  });

  t.test("follow the name before publication and stay put when the partner renames after it", async (t) => {
    const partner = await create("Draft Name");
    const userId = crypto.randomUUID();
    await h.db.partner.update({ where: { id: partner.id }, data: { ownerUserId: userId } });
    const headers = await h.service.auth.headers({ role: "partner", userId, partnerId: partner.id });
    let res = await h.call("PUT", `/partners/${partner.id}/onboarding/steps/company`, headers, {
      companyName: "Better Name",
    });
    t.equal(res.json().slug, "better-name", "unpublished: the slug follows the name");
    await approve(partner.id);
    res = await h.call("PATCH", `/partners/${partner.id}/profile`, headers, { companyName: "Third Name" });
    t.equal(res.json().companyName, "Third Name");
    t.equal(res.json().slug, "better-name", "published: a partner's rename keeps the public URL");
    res = await h.call("PATCH", `/partners/${partner.id}/profile`, headers, { slug: "my-own-slug" });
    t.equal(res.statusCode, 400, "a partner may not set its slug");
    t.same(res.json().errors, [{ field: "body.slug", message: "is not allowed" }]);
  });

  t.test("an admin rename moves the slug and the old one redirects with 308", async (t) => {
    const partner = await create("Old Brand");
    await approve(partner.id);
    const res = await h.admin("PATCH", `/admin/partners/${partner.id}`, { companyName: "New Brand" });
    t.equal(res.json().slug, "new-brand");
    const old = await h.call("GET", "/public/partners/old-brand", {});
    t.equal(old.statusCode, 308);
    t.equal(old.headers.location, "/public/partners/new-brand");
    t.same(old.json(), { redirectTo: "new-brand" });
    t.equal((await h.call("GET", "/public/partners/new-brand", {})).statusCode, 200);
    t.equal((await create("Old Brand")).slug, "old-brand-2", "a redirecting slug is not handed to another partner");
    const taken = await h.admin("PATCH", `/admin/partners/${partner.id}`, { slug: "acme-roofing" });
    t.equal(taken.statusCode, 409);
    t.equal(taken.json().code, "SLUG_TAKEN");
  });
});

t.test("GET /public/partners/:slug", async (t) => {
  const partner = await create("Public Co");
  for (const status of ["DRAFT", "SUBMITTED", "REJECTED", "INACTIVE"] as const) {
    await h.db.partner.update({ where: { id: partner.id }, data: { status } });
    const res = await h.call("GET", "/public/partners/public-co", {});
    t.equal(res.statusCode, 404, `${status}: 404`);
    t.match(res.headers["content-type"], /problem\+json/);
  }
  t.equal((await h.call("GET", "/public/partners/no-such-partner", {})).statusCode, 404);
  await h.db.partner.update({ where: { id: partner.id }, data: { status: "ACTIVE", approvedAt: new Date() } });
  const res = await h.call("GET", "/public/partners/public-co", {});
  t.equal(res.statusCode, 200);
  t.match(res.json(), {
    slug: "public-co",
    companyName: "Public Co",
    pcr: null,
    pcrStatus: "pending",
    pcrRevision: 0,
    testimonials: [],
  });
  t.notOk("contactEmail" in res.json(), "contact details and references are not public");
  t.notOk("customerReferences" in res.json());
});

t.test("GET /public/partners (directory)", async (t) => {
  const listed = await h.call("GET", "/public/partners?sort=name&limit=50", {});
  t.equal(listed.statusCode, 200);
  const statuses = await h.db.partner.findMany({
    where: { slug: { in: listed.json().items.map((i: { slug: string }) => i.slug) } },
    select: { status: true },
  });
  t.ok(
    statuses.length > 0 && statuses.every((p) => p.status === "APPROVED" || p.status === "ACTIVE"),
    "only public partners",
  );
  const bad = await h.call("GET", "/public/partners?cursor=garbage", {});
  t.equal(bad.statusCode, 400);
});
