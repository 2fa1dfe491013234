import t from "tap";
import { serviceWiring } from "../../scripts/start/service-wiring.ts";

const ports = { gateway: 9100, partner: 9101, survey: 9102, scoring: 9103, matching: 9104, notification: 9105 };

t.test("the gateway reaches every service on the ports the runner gave them", async (t) => {
  const wiring = serviceWiring("gateway", ports, {});
  t.equal(wiring.PARTNER_URL, "http://127.0.0.1:9101");
  t.equal(wiring.SURVEY_URL, "http://127.0.0.1:9102");
  t.equal(wiring.SCORING_URL, "http://127.0.0.1:9103");
  t.equal(wiring.MATCHING_URL, "http://127.0.0.1:9104");
  t.equal(wiring.NOTIFICATION_URL, "http://127.0.0.1:9105");
  t.equal(wiring.PUBLIC_BASE_URL, "http://localhost:9100");
});

t.test("every service verifies tokens with the gateway's keys and links to the gateway", async (t) => {
  for (const service of ["partner", "survey", "scoring", "matching", "notification"] as const) {
    const wiring = serviceWiring(service, ports, {});
    t.equal(wiring.AUTH_JWKS_URL, "http://127.0.0.1:9100/.well-known/jwks.json", `${service} token keys`);
    t.equal(wiring.PUBLIC_BASE_URL, "http://localhost:9100", `${service} public links`);
    t.notOk("PARTNER_URL" in wiring, `${service} gets no upstream URLs`);
  }
});

t.test("what the developer set keeps its value", async (t) => {
  const wiring = serviceWiring("gateway", ports, {
    PUBLIC_BASE_URL: "https://tpx.example",
    PARTNER_URL: "http://10.0.0.5:8081",
    AUTH_JWKS: '{"keys":[]}',
  });
  t.notOk("PUBLIC_BASE_URL" in wiring);
  t.notOk("PARTNER_URL" in wiring);
  t.notOk("AUTH_JWKS_URL" in wiring, "inline keys need no URL");
  t.equal(wiring.SURVEY_URL, "http://127.0.0.1:9102");
});
