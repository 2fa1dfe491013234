import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import t from "tap";
import type { PublicPartner } from "../../src/pages/public-partner.ts";
import { startGateway } from "../support/gateway.ts";
import { publicPartner } from "../support/partner-api.ts";
import { startStandIn } from "../support/stand-in.ts";

const CHROMIUM = "/usr/bin/chromium";
// the flags this machine needs (env notes): no sandbox as root, no background traffic to hosts we cannot reach
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

t.test(
  "public pages in a headless browser",
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)` },
  async (t) => {
    const partner: PublicPartner = publicPartner();
    const partnerService = await startStandIn(t, (app) => {
      app.get("/public/partners/:slug", async (request, reply) =>
        (request.params as { slug: string }).slug === partner.slug
          ? partner
          : reply.code(404).send({ code: "NOT_FOUND" }),
      );
    });
    const submissions: Record<string, string>[] = [];
    const surveyService = await startStandIn(t, (app) => {
      app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
      app.get("/s/:token", async (request, reply) =>
        reply.type("text/html").send(`<!doctype html><html><head><title>Rate Acme</title></head><body>
<form method="post" action="/s/${(request.params as { token: string }).token}">
<label>How likely are you to recommend Acme? <input name="nps" type="number" min="0" max="10"></label>
<label>Comment <textarea name="comment"></textarea></label>
<button type="submit">Send</button></form></body></html>`),
      );
      app.post("/s/:token", async (request, reply) => {
        submissions.push(request.body as Record<string, string>);
        return reply.type("text/html").send("<!doctype html><html><body><h1>Thank you</h1></body></html>");
      });
    });
    const gateway = await startGateway(t, { env: { PARTNER_URL: partnerService.url, SURVEY_URL: surveyService.url } });
    const origin = await gateway.app.listen({ host: "127.0.0.1", port: 0 });

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      // playwright gives each launch a fresh empty profile directory itself
      args: FLAGS,
    });
    t.teardown(() => browser.close());
    const page = await browser.newPage();

    t.test("the landing page renders with its score, and its JSON-LD is in the document", async (t) => {
      const response = await page.goto(`${origin}/pcr/${partner.slug}`);
      t.equal(response?.status(), 200);
      t.equal(await page.title(), "Acme Roofing Supply – PowerConfidence Rating | TPX");
      t.equal(await page.textContent("#pcr-score"), "87.25");
      const jsonLd = JSON.parse((await page.textContent('script[type="application/ld+json"]')) ?? "{}");
      t.equal(jsonLd.aggregateRating.ratingValue, 87.25);
      t.equal(await page.locator("script:not([type])").count(), 0, "no executable script on the page");
    });

    t.test("a survey form loaded through the gateway submits through it", async (t) => {
      await page.goto(`${origin}/s/tok-123`);
      t.equal(await page.title(), "Rate Acme");
      await page.fill('input[name="nps"]', "9");
      await page.fill('textarea[name="comment"]', "Great partner & fast");
      await Promise.all([page.waitForURL(`${origin}/s/tok-123`), page.click('button[type="submit"]')]);
      t.equal(await page.textContent("h1"), "Thank you");
      t.same(submissions, [{ nps: "9", comment: "Great partner & fast" }]);
    });
  },
);
