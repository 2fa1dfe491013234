import t from "tap";
import { printBanner } from "../../scripts/start/banner.ts";
import type { DemoOutcome } from "../../scripts/start/demo-data.ts";
import type { LogOutput } from "../../scripts/start/log-output.ts";

const ports = { gateway: 8080, partner: 8081, survey: 8082, scoring: 8083, matching: 8084, notification: 8085 };
const admin = { email: "admin@tpx.local", password: "tpx-admin-password" };

function banner(demo: DemoOutcome): { text: string; fields: Record<string, unknown> | undefined } {
  const lines: string[] = [];
  let fields: Record<string, unknown> | undefined;
  const output: LogOutput = {
    info: (message, extra) => {
      lines.push(message);
      fields ??= extra;
    },
    error: (message) => lines.push(message),
    line: () => {},
  };
  printBanner({ ports, admin, startupMs: 12_345, demo }, output);
  return { text: lines.join("\n"), fields };
}

t.test("after seeding: the logins and every place to look, also as fields of the first line", async (t) => {
  const { text, fields } = banner({
    kind: "seeded",
    summary: {
      logins: [
        { role: "partner", email: "partner@tpx.local", password: "tpx-demo-password" },
        { role: "contractor", email: "contractor@tpx.local", password: "tpx-demo-password" },
      ],
      partner: { companyName: "Summit Roofing & Solar", slug: "summit-roofing-and-solar", pcrScore: 97.39 },
      openSurveyToken: "abc123abc123abc123abc123abc123abc123abc123a",
      partnersByStatus: { REJECTED: 1, ACTIVE: 2 },
    },
  });
  t.match(text, /^TPX is ready in 12\.3 s: http:\/\/localhost:8080/);
  t.match(text, /demo data \(added now\): partners 2 ACTIVE, 1 REJECTED/, "states in lifecycle order");
  t.match(text, /admin {7}admin@tpx\.local \/ tpx-admin-password/);
  t.match(text, /partner {5}partner@tpx\.local \/ tpx-demo-password \(Summit Roofing & Solar\)/);
  t.match(text, /landing page {2}http:\/\/localhost:8080\/pcr\/summit-roofing-and-solar \(PCR 97\.39\)/);
  t.match(text, /survey {8}http:\/\/localhost:8080\/s\/abc123/);
  for (const path of ["/partners", "/dev/mailbox", "/docs"]) t.match(text, `http://localhost:8080${path}`);
  t.match(fields, {
    demo: {
      kind: "seeded",
      landingPage: "http://localhost:8080/pcr/summit-roofing-and-solar",
      surveyLink: "http://localhost:8080/s/abc123abc123abc123abc123abc123abc123abc123a",
    },
  });
});

t.test("without demo data: says why, still the admin login and the public places", async (t) => {
  const off = banner({ kind: "off" }).text;
  t.match(off, /demo data: off \(TPX_DEMO_DATA=false\)/);
  t.match(off, /admin@tpx\.local/);
  t.notMatch(off, /landing page|survey {8}/);
  t.match(banner({ kind: "not-empty" }).text, /not added, the platform already has partners/);
  t.match(banner({ kind: "failed", reason: "timed out" }).text, /demo data: incomplete \(timed out\)/);
});
