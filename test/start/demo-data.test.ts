import t from "tap";
import { DEMO_CONTRACTOR_EMAIL, DEMO_PARTNER_EMAIL, DEMO_PASSWORD } from "../../scripts/demo/dataset.ts";
import { landingPcr, TpxClient } from "../../scripts/demo/tpx-client.ts";
import { isolatedRun, type RunnerLine, RunnerProcess } from "./runner-process.ts";

// Two starts on the same databases, one after the other: the first adds the demo data, the second must not. Each
// loads six services (some 15 s on two idle cores, more under load); the seeding itself takes seconds.
const READY_TIMEOUT_MS = 75_000;
const STOP_TIMEOUT_MS = 30_000;
const ADMIN = { email: "admin@demo.tpx.test", password: "demo-admin-password-1" };

interface DemoFields {
  kind: string;
  logins?: { role: string; email: string; password: string }[];
  landingPage?: string;
  pcrScore?: number | null;
  surveyLink?: string;
  partnersByStatus?: Record<string, number>;
}

type BannerLine = RunnerLine & { demo?: DemoFields };

/** The same page on 127.0.0.1: the banner prints localhost for people. */
const pathOf = (link: string) => new URL(link).pathname;

t.test(
  "npm start on an empty platform adds the demo data behind the banner's links; a restart adds none",
  async (t) => {
    const run = await isolatedRun(t);
    const env = {
      ...run.env,
      TPX_DEMO_DATA: "true",
      TPX_START_TIMEOUT_MS: String(READY_TIMEOUT_MS - 5_000),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // Every test on this machine signs in and answers surveys from 127.0.0.1, into the same Redis counters.
      RATE_LIMIT_LOGIN_PER_MINUTE: "200",
      RATE_LIMIT_SURVEY_SUBMIT_PER_MINUTE: "200",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "100000",
    };
    const startRunner = async (name: string) => {
      const runner = new RunnerProcess(env);
      t.teardown(() => runner.forceStop(STOP_TIMEOUT_MS));
      const ready = (await runner
        .waitForRunnerLine((line) => line.msg?.startsWith("TPX is ready") === true, READY_TIMEOUT_MS + 45_000)
        .catch((error: Error) => {
          throw new Error(`${name}: npm start never reported ready: ${error.message}\n${runner.tail()}`);
        })) as BannerLine;
      return { runner, demo: ready.demo ?? { kind: "none" } };
    };
    const stop = async (runner: RunnerProcess) => {
      runner.child.kill("SIGTERM");
      t.same(await runner.exit(STOP_TIMEOUT_MS), { code: 0, signal: null }, "the runner stops cleanly");
    };
    const client = new TpxClient(`http://127.0.0.1:${run.port("gateway")}`);

    const first = await startRunner("first start");
    const added = first.runner.runnerLines().find((line) => line.msg?.startsWith("demo data: added in"));
    t.comment(added?.msg ?? "no 'added in' line");
    t.equal(first.demo.kind, "seeded", "the first start adds the demo data");
    if (first.demo.kind !== "seeded") {
      t.comment(first.runner.tail(80));
      return;
    }
    t.same(
      first.demo.partnersByStatus,
      { ACTIVE: 2, APPROVED: 1, SUBMITTED: 1, DRAFT: 1, INACTIVE: 1, REJECTED: 1 },
      "partners in every state",
    );

    const landing = await client.page(pathOf(first.demo.landingPage as string), { headers: { accept: "text/html" } });
    t.equal(landing.status, 200, "the landing page answers");
    t.same(
      landingPcr(landing.html),
      { score: first.demo.pcrScore, responseCount: 6 },
      "with the score the banner says",
    );
    t.match(landing.html, /<blockquote>/, "and testimonials");

    const directory = await client.directoryPage();
    t.equal(directory.status, 200, "the directory answers");
    const listed = new Set(directory.html.match(/href="\/pcr\/[^"]+"/g));
    t.equal(listed.size, 3, "and lists the three public partners");

    const survey = await client.openSurveyPage(pathOf(first.demo.surveyLink as string));
    t.equal(survey.status, 200, "the printed survey link opens");
    t.ok(survey.fields.length > 0, "on a form with questions");
    t.equal((await client.page("/dev/mailbox")).status, 200, "the mailbox answers");
    t.equal((await client.page("/docs", { headers: { accept: "text/html" } })).status, 200, "/docs answers");

    t.same(
      first.demo.logins?.map((login) => login.email),
      [DEMO_PARTNER_EMAIL, DEMO_CONTRACTOR_EMAIL],
      "the banner names the demo logins",
    );
    const admin = client.fork();
    await admin.login(ADMIN.email, ADMIN.password);
    const partner = client.fork();
    const { user: partnerUser } = await partner.login(DEMO_PARTNER_EMAIL, DEMO_PASSWORD);
    const leads = await partner.partnerLeads(partnerUser.partnerId as string);
    t.equal(leads[0]?.status, "contacted", "the demo partner logs in and has worked its lead");
    const contractor = client.fork();
    const { user: contractorUser } = await contractor.login(DEMO_CONTRACTOR_EMAIL, DEMO_PASSWORD);
    const contractorLeads = await contractor.contractorLeads(contractorUser.contractorId ?? contractorUser.id);
    t.equal(contractorLeads.length, 3, "the demo contractor logs in and has a lead with each public partner");
    const users = await admin.users({ limit: 200 });
    await stop(first.runner);

    const second = await startRunner("second start");
    t.equal(second.demo.kind, "existing", "the second start finds the demo data and adds nothing");
    t.equal(second.demo.landingPage, first.demo.landingPage, "and points at the same landing page");
    await admin.login(ADMIN.email, ADMIN.password);
    t.equal((await admin.searchPartners({ limit: 100 })).items.length, 7, "still seven partners");
    t.equal((await admin.users({ limit: 200 })).length, users.length, "and the same users");
    await stop(second.runner);
  },
);
