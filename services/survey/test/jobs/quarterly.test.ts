import { PartnerStatus } from "@tpx/contracts";
import t from "tap";
import { quarterlyJobStatus } from "../../src/usecases/quarterly-job-status.ts";
import { runQuarterlyJob } from "../../src/usecases/run-quarterly-job.ts";
import { outboxData, seedPartner, startSurvey } from "../helper.ts";

const LOCK_TTL_MS = 400;

t.test("quarterly job", async (t) => {
  // Two replicas: two platforms (two Redis clients, two pools) on one database.
  const a = await startSurvey(t, { env: { SCHEDULER_LOCK_TTL_MS: String(LOCK_TTL_MS) } });
  const b = { ...a, deps: { ...a.deps, redis: (await startSurvey(t)).platform.redis } };
  const active = [await seedPartner(a.db), await seedPartner(a.db), await seedPartner(a.db)];
  await seedPartner(a.db, { status: PartnerStatus.INACTIVE });
  const campaignsPerPartner = async (quarter: string) => {
    const rows = await a.db.campaign.groupBy({
      by: ["partnerId"],
      where: { quarter, kind: "QUARTERLY" },
      _count: true,
    });
    return new Map(rows.map((row) => [row.partnerId, row._count]));
  };

  t.test("two instances racing create exactly one campaign per active partner", async (t) => {
    const [first, second] = await Promise.all([
      runQuarterlyJob(a.deps, { period: "2027-Q1", owner: "a" }),
      runQuarterlyJob(b.deps, { period: "2027-Q1", owner: "b" }),
    ]);
    const outcomes = [first.outcome, second.outcome].sort();
    t.ok(outcomes.includes("completed"), `one completed: ${outcomes}`);
    const counts = await campaignsPerPartner("2027-Q1");
    t.same([...counts.keys()].sort(), [...active].sort());
    t.ok([...counts.values()].every((count) => count === 1));
    t.equal(first.created + second.created, 3);
  });

  t.test("a restart running the same quarter again creates nothing", async (t) => {
    const again = await runQuarterlyJob(a.deps, { period: "2027-Q1", owner: "a-restarted" });
    t.equal(again.outcome, "already_done");
    t.equal((await outboxData(a.db, "campaign.created")).length, 3);
  });

  t.test("a holder paused past its lock is taken over and cannot create doubles when it wakes", async (t) => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    let pausedOnce = false;
    const holder = runQuarterlyJob(a.deps, {
      period: "2027-Q2",
      owner: "a",
      beforePartner: async (index) => {
        if (index === 1 && !pausedOnce) {
          pausedOnce = true;
          await paused;
        }
      },
    });
    // While A holds the lock, B is turned away by Redis.
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.equal((await runQuarterlyJob(b.deps, { period: "2027-Q2", owner: "b" })).outcome, "locked_elsewhere");
    // A stays paused past the TTL; its lock and heartbeat go stale, B takes the run over.
    await new Promise((resolve) => setTimeout(resolve, LOCK_TTL_MS * 2 + 100));
    const takeover = await runQuarterlyJob(b.deps, { period: "2027-Q2", owner: "b" });
    t.equal(takeover.outcome, "completed");
    t.equal(takeover.created, 2, "B creates the campaigns A had not reached");
    release();
    const woke = await holder;
    t.equal(woke.outcome, "superseded");
    t.equal(woke.created, 1);
    const counts = await campaignsPerPartner("2027-Q2");
    t.equal(counts.size, 3);
    t.ok([...counts.values()].every((count) => count === 1));
    const run = await a.db.jobRun.findUniqueOrThrow({ where: { job_period: { job: "quarterly", period: "2027-Q2" } } });
    t.equal(run.fence, 2);
    t.ok(run.finishedAt);
    t.equal(run.created, 3);
  });

  t.test("the status shows the last run, the next run and a missed due run", async (t) => {
    const status = await quarterlyJobStatus(a.deps, new Date("2027-07-02T12:00:00Z"));
    t.equal(status.lastRun?.period, "2027-Q2");
    t.same(status.due, { period: "2027-Q3", at: new Date("2027-07-01T13:00:00Z"), missed: true });
    t.same(status.nextRun, { period: "2027-Q4", at: new Date("2027-10-01T13:00:00Z") });
    const inTime = await quarterlyJobStatus(a.deps, new Date("2027-06-30T12:00:00Z"));
    t.equal(inTime.due.missed, false);
  });
});
