import { randomUUID } from "node:crypto";
import { PcrStatus, partnerRegisteredV1, pcrUpdatedV1, timestampNow } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import type { PublicPartner } from "../../src/pages/public-partner.ts";
import { startGateway } from "../support/gateway.ts";
import { publicPartner } from "../support/partner-api.ts";
import { startStandIn } from "../support/stand-in.ts";

function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error("no JSON-LD in the page");
  return JSON.parse(match[1]);
}

t.test("public pages", async (t) => {
  const partners = new Map<string, PublicPartner>();
  let partnerCalls = 0;
  const partnerService = await startStandIn(t, (app) => {
    app.get("/public/partners/:slug", async (request, reply) => {
      partnerCalls += 1;
      const { slug } = request.params as { slug: string };
      if (slug === "old-acme")
        return reply
          .code(308)
          .header("location", "/public/partners/acme-roofing-supply")
          .send({ redirectTo: "acme-roofing-supply" });
      const partner = partners.get(slug);
      if (!partner) return reply.code(404).type("application/problem+json").send({ status: 404, code: "NOT_FOUND" });
      return partner;
    });
    app.get("/public/partners", async (request) => {
      const query = request.query as { q?: string; minPcr?: string };
      const items = [...partners.values()]
        .filter((p) => !query.q || p.companyName.toLowerCase().includes(query.q.toLowerCase()))
        .filter((p) => !query.minPcr || (p.pcr?.score ?? 0) >= Number(query.minPcr))
        .map((p) => ({
          slug: p.slug,
          companyName: p.companyName,
          focusAreas: p.focusAreas,
          serviceRegions: p.serviceRegions,
          pcr: p.pcr?.score ?? null,
          badges: p.pcr?.badges ?? [],
          logoUrl: p.logoUrl,
        }));
      return { items, nextCursor: null };
    });
  });
  const gateway = await startGateway(t, {
    consumers: true,
    env: { PARTNER_URL: partnerService.url, PAGE_CACHE_TTL_SECONDS: "300" },
  });
  const { app } = gateway;
  const acme = publicPartner();
  partners.set(acme.slug, acme);
  partners.set(
    "zeta-windows",
    publicPartner({
      slug: "zeta-windows",
      companyName: "Zeta Windows",
      pcr: null,
      pcrStatus: "pending",
      pendingResponses: { have: 2, need: 5 },
    }),
  );

  t.test("the landing page has the company, PCR, badges, momentum, confidence and SEO tags", async (t) => {
    const response = await app.inject({ url: "/pcr/acme-roofing-supply" });
    t.equal(response.statusCode, 200);
    const html = response.body;
    t.match(html, /<title>Acme Roofing Supply – PowerConfidence Rating \| TPX<\/title>/);
    t.match(html, /<link rel="canonical" href="https:\/\/tpx.example\/pcr\/acme-roofing-supply">/);
    t.match(html, /<meta property="og:title"/);
    t.match(html, /<meta name="description" content="PowerConfidence Rating 87.25\/100/);
    t.match(html, /id="pcr-score">87.25</);
    t.match(html, /TOP_RATED/);
    t.match(html, /Momentum: Rising/);
    t.match(html, /Confidence range 82.1–91.4/);
    t.match(html, /Product demo/);
    t.notMatch(html, /javascript:alert/, "unsafe links are dropped");
    t.notMatch(html, /<script>alert/, "testimonial text is escaped");
    t.match(html, /&lt;b&gt;logistics/);
  });

  t.test("the JSON-LD parses and its AggregateRating matches the score", async (t) => {
    const html = (await app.inject({ url: "/pcr/acme-roofing-supply" })).body;
    const jsonLd = jsonLdOf(html);
    t.equal(jsonLd["@type"], "Organization");
    t.equal(jsonLd.name, "Acme Roofing Supply");
    t.same(jsonLd.aggregateRating, {
      "@type": "AggregateRating",
      ratingValue: 87.25,
      bestRating: 100,
      worstRating: 0,
      ratingCount: 12,
    });
    const pending = jsonLdOf((await app.inject({ url: "/pcr/zeta-windows" })).body);
    t.notOk("aggregateRating" in pending, "no rating before the partner is scored");
  });

  t.test("unknown or unapproved slugs are 404, a renamed partner redirects", async (t) => {
    const missing = await app.inject({ url: "/pcr/nobody-here" });
    t.equal(missing.statusCode, 404);
    t.match(missing.body, /noindex/);
    const bad = await app.inject({ url: "/pcr/NOT_A_SLUG" });
    t.equal(bad.statusCode, 400);
    const moved = await app.inject({ url: "/pcr/old-acme" });
    t.equal(moved.statusCode, 308);
    t.equal(moved.headers.location, "/pcr/acme-roofing-supply");
  });

  t.test("pages carry an ETag and a matching If-None-Match gets 304", async (t) => {
    const first = await app.inject({ url: "/pcr/acme-roofing-supply" });
    const etag = String(first.headers.etag);
    t.match(etag, /^".+"$/);
    t.match(first.headers["cache-control"], /max-age=60/);
    const again = await app.inject({ url: "/pcr/acme-roofing-supply", headers: { "if-none-match": etag } });
    t.equal(again.statusCode, 304);
    t.equal(again.body, "");
  });

  t.test("pages are served from the cache until pcr.updated invalidates them", async (t) => {
    const partnerId = randomUUID();
    await gateway.publish(
      partnerRegisteredV1,
      partnerRegisteredV1.create({
        partnerId,
        slug: acme.slug,
        companyName: acme.companyName,
        registeredAt: timestampNow(),
      }),
    );
    await waitFor(() => gateway.deps.db.partnerSlug.findUnique({ where: { partnerId } }));
    await app.inject({ url: "/pcr/acme-roofing-supply" });
    const callsBefore = partnerCalls;
    partners.set(
      acme.slug,
      publicPartner({
        pcr: {
          ...(acme.pcr as NonNullable<PublicPartner["pcr"]>),
          score: 91.5,
          breakdown: { ...(acme.pcr as NonNullable<PublicPartner["pcr"]>).breakdown, final: 91.5 },
        },
      }),
    );
    const cached = await app.inject({ url: "/pcr/acme-roofing-supply" });
    t.match(cached.body, /id="pcr-score">87.25</, "still the cached page");
    t.equal(partnerCalls, callsBefore, "the partner service was not asked");

    await gateway.publish(
      pcrUpdatedV1,
      pcrUpdatedV1.create({
        partnerId,
        status: PcrStatus.SCORED,
        score: 91.5,
        badges: [],
        window: { quarter: "2026-Q4", responseCount: 12, responsesNeeded: 5 },
        breakdown: {
          profileScore: 90,
          feedbackScore: 90,
          baseScore: 90,
          paymentTier: 2,
          paymentMultiplier: 1.05,
          momentum: 1,
          finalScore: 91.5,
        },
        computedAt: timestampNow(),
        trigger: 1,
        revision: 2,
      }),
    );
    const fresh = await waitFor(
      async () => {
        const page = await app.inject({ url: "/pcr/acme-roofing-supply" });
        return /id="pcr-score">91.5</.test(page.body) && page;
      },
      { description: "the landing page shows the new score" },
    );
    t.equal(
      jsonLdOf(fresh.body).aggregateRating &&
        (jsonLdOf(fresh.body).aggregateRating as { ratingValue: number }).ratingValue,
      91.5,
    );
  });

  t.test("the directory lists partners with search and filters", async (t) => {
    const all = await app.inject({ url: "/partners" });
    t.equal(all.statusCode, 200);
    t.match(all.body, /href="\/pcr\/acme-roofing-supply"/);
    t.match(all.body, /PCR pending/);
    const filtered = await app.inject({ url: "/partners?q=zeta" });
    t.notMatch(filtered.body, /acme-roofing-supply/);
    t.match(filtered.body, /noindex, follow/, "filtered variants stay out of the index");
    const minPcr = await app.inject({ url: "/partners?minPcr=80" });
    t.notMatch(minPcr.body, /zeta-windows/);
    t.equal((await app.inject({ url: "/partners?minPcr=500" })).statusCode, 400);
  });

  t.test("sitemap.xml lists every partner page and robots.txt points at it", async (t) => {
    const sitemap = await app.inject({ url: "/sitemap.xml" });
    t.match(sitemap.headers["content-type"], /application\/xml/);
    t.match(sitemap.body, /<loc>https:\/\/tpx.example\/pcr\/acme-roofing-supply<\/loc>/);
    t.match(sitemap.body, /<loc>https:\/\/tpx.example\/pcr\/zeta-windows<\/loc>/);
    const robots = await app.inject({ url: "/robots.txt" });
    t.match(robots.body, /Sitemap: https:\/\/tpx.example\/sitemap.xml/);
    t.match(robots.body, /Disallow: \/api\//);
  });
});
