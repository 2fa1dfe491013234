import fc from "fast-check";
import t from "tap";
import { maskAddress, normalizeAddress } from "../../src/domain/address.ts";
import { messageRetryDelay, webhookRetryDelay } from "../../src/domain/backoff.ts";
import { isBlockedAddress } from "../../src/domain/blocked-addresses.ts";
import { matchesEventType, subscriptionReceives } from "../../src/domain/event-filter.ts";
import { unknownPatterns } from "../../src/domain/event-patterns.ts";
import { smtpFailure, twilioFailure } from "../../src/domain/send-failure.ts";
import { optChangeOf } from "../../src/domain/stop-keywords.ts";
import { TokenBucket } from "../../src/domain/token-bucket.ts";
import { readUnsubscribeToken, unsubscribeToken } from "../../src/domain/unsubscribe-token.ts";

t.test("retry delays", async (t) => {
  t.test("messages back off exponentially with at most 20% jitter", async (t) => {
    t.doesNotThrow(() =>
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 10 }),
          fc.double({ min: 0, max: 0.999999, noNaN: true }),
          (attempt, r) => {
            const delay = messageRetryDelay(attempt, 1000, () => r);
            const base = 1000 * 2 ** (attempt - 1);
            return delay >= Math.floor(base * 0.8) && delay <= Math.ceil(base * 1.2);
          },
        ),
      ),
    );
  });
  t.test("webhooks follow the schedule with at most 10% jitter and stop at its end", async (t) => {
    const schedule = [0, 5000, 300000];
    t.equal(
      webhookRetryDelay(schedule, 1, () => 0),
      4500,
    );
    t.equal(
      webhookRetryDelay(schedule, 1, () => 0.999999),
      5500,
    );
    t.equal(
      webhookRetryDelay(schedule, 2, () => 0.5),
      300000,
    );
    t.equal(
      webhookRetryDelay(schedule, 3, () => 0.5),
      undefined,
    );
  });
});

t.test("internal addresses", async (t) => {
  for (const ip of [
    "127.0.0.1",
    "127.9.9.9",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:10.0.0.1",
    "224.0.0.1",
    "not-an-ip",
  ]) {
    t.ok(isBlockedAddress(ip), `${ip} is blocked`);
  }
  for (const ip of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:93.184.216.34"]) {
    t.notOk(isBlockedAddress(ip), `${ip} is allowed`);
  }
});

t.test("event type patterns", async (t) => {
  t.ok(matchesEventType("*", "partner.approved"));
  t.ok(matchesEventType("partner.*", "partner.tier.changed"));
  t.notOk(matchesEventType("partner.*", "partners.x"));
  t.ok(matchesEventType("pcr.updated", "pcr.updated"));
  t.same(
    unknownPatterns(
      ["*", "partner.*", "pcr.updated", "webhook.*", "nope"],
      ["partner.approved", "pcr.updated", "webhook.failed"],
    ),
    ["webhook.*", "nope"],
  );
  const partnerSub = { eventTypes: ["*"], ownerPartnerId: "p1" };
  t.ok(subscriptionReceives(partnerSub, { type: "pcr.updated", data: { partnerId: "p1" } }));
  t.notOk(subscriptionReceives(partnerSub, { type: "pcr.updated", data: { partnerId: "p2" } }));
  t.ok(subscriptionReceives(partnerSub, { type: "match.created", data: { candidates: [{ partnerId: "p1" }] } }));
  t.notOk(
    subscriptionReceives(partnerSub, { type: "survey.invitation.requested", data: { partnerId: "p1" } }),
    "no recipient contact details",
  );
  t.notOk(
    subscriptionReceives({ eventTypes: ["*"], ownerPartnerId: null }, { type: "webhook.delivered", data: {} }),
    "no loops",
  );
  t.ok(subscriptionReceives({ eventTypes: ["*"], ownerPartnerId: null }, { type: "user.registered", data: {} }));
});

t.test("failure classification", async (t) => {
  t.match(smtpFailure({ responseCode: 451, message: "later" }), { code: "smtp_451", permanent: false });
  t.match(smtpFailure({ responseCode: 550 }), { code: "smtp_550", permanent: true });
  t.match(smtpFailure({ code: "ECONNREFUSED" }), { permanent: false });
  t.match(twilioFailure(503, undefined), { permanent: false });
  t.match(twilioFailure(429, { code: 20429 }), { permanent: false });
  t.match(twilioFailure(400, { code: 21610 }), { permanent: true, suppress: true });
  t.match(twilioFailure(401, { code: 20003 }), { permanent: true });
});

t.test("addresses, opt-out words, tokens, rate limits", async (t) => {
  t.equal(normalizeAddress("email", " Dana@Example.COM "), "dana@example.com");
  t.equal(normalizeAddress("sms", "+1 (555) 010-1101"), "+15550101101");
  t.equal(maskAddress("email", "dana@example.com"), "d***@e***.com");
  t.equal(maskAddress("sms", "+15550101101"), "+*******1101");
  t.equal(optChangeOf(" stop "), "opt-out");
  t.equal(optChangeOf("Unstop"), "opt-in");
  t.equal(optChangeOf("stop please"), undefined);
  const token = unsubscribeToken("k", "email", "dana@example.com");
  t.same(readUnsubscribeToken("k", token), { channel: "email", address: "dana@example.com" });
  t.equal(readUnsubscribeToken("other", token), undefined, "another key's token is refused");
  t.equal(
    readUnsubscribeToken("k", `${token.split(".")[0]}x.${token.split(".")[1]}`),
    undefined,
    "a changed address is refused",
  );
  const bucket = new TokenBucket(2, 0);
  t.equal(bucket.take(5, 0), 2, "one second's worth at most");
  t.equal(bucket.take(5, 100), 0);
  t.equal(bucket.take(5, 500), 1);
  bucket.refund(1);
  t.equal(bucket.take(5, 500), 1);
});
