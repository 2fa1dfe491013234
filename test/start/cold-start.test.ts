import { SERVICE_NAMES } from "@tpx/contracts";
import { ensureDatabase } from "@tpx/db";
import t from "tap";
import { descendantsOf, isRunning, type ProcessInfo } from "./process-tree.ts";
import { isolatedRun, RunnerProcess } from "./runner-process.ts";

// A cold start costs about 30 CPU-seconds, nearly all of it the six services loading their modules: some 15 s on
// two idle cores, far more when other test files run alongside. Both runs at their limits still fit tap's 180 s.
const READY_TIMEOUT_MS = 70_000;
const STOP_TIMEOUT_MS = 30_000;

// The two runs are subtests of one file so they run one after the other: each loads six services, which on a
// two-core machine already takes most of it.

t.test("npm start: every service ready from cold, all gone after SIGTERM", async (t) => {
  const run = await isolatedRun(t);
  const startedAt = Date.now();
  const runner = new RunnerProcess({ ...run.env, TPX_START_TIMEOUT_MS: String(READY_TIMEOUT_MS - 5_000) });
  let serviceProcesses: ProcessInfo[] = [];
  t.teardown(async () => {
    await runner.forceStop(STOP_TIMEOUT_MS);
    for (const { pid } of serviceProcesses) if (await isRunning(pid)) process.kill(pid, "SIGKILL");
  });

  const started = await runner
    .waitForRunnerLine((line) => line.pids !== undefined, READY_TIMEOUT_MS)
    .catch((error: Error) => t.fail(`the runner did not start the services: ${error.message}\n${runner.tail()}`));
  if (typeof started !== "object") return;
  const ready = await runner
    .waitForRunnerLine((line) => line.msg?.startsWith("TPX is ready") === true, READY_TIMEOUT_MS)
    .catch((error: Error) => t.fail(`the runner never reported ready: ${error.message}\n${runner.tail()}`));
  if (typeof ready !== "object") return;
  t.comment(`cold start: ${Date.now() - startedAt} ms from spawn to every /readyz 200`);

  for (const service of SERVICE_NAMES) {
    const response = await fetch(`http://127.0.0.1:${run.port(service)}/readyz`);
    const body = (await response.json()) as { checks?: Record<string, string> };
    t.equal(response.status, 200, `${service} /readyz answers 200 on port ${run.port(service)}`);
    t.equal(body.checks?.database, "ok", `${service} reaches its database`);
  }
  for (const name of run.databases) {
    t.same(await ensureDatabase(run.adminUrl, name), { created: false }, `the runner created database ${name}`);
  }

  const children = await descendantsOf(runner.child.pid as number);
  serviceProcesses = children.filter((child) => child.command.includes("/src/main.ts"));
  const servicePids = Object.fromEntries(
    SERVICE_NAMES.map((service) => [
      service,
      serviceProcesses.find((child) => child.command.includes(`services/${service}/src/main.ts`))?.pid,
    ]),
  );
  t.same(servicePids, started.pids, "one process per service, the pids the runner reported");

  runner.child.kill("SIGTERM");
  const exit = await runner.exit(STOP_TIMEOUT_MS);
  t.same(exit, { code: 0, signal: null }, "the runner exits 0 after SIGTERM");
  if (exit === "timeout" || exit.code !== 0) t.comment(runner.tail());
  for (const child of children) {
    t.notOk(await isRunning(child.pid), `process ${child.pid} (${child.command.slice(0, 80)}) is gone`);
  }
  t.match(runner.tail(3), /stopped; nothing left running/, "the runner says it stopped everything");
});

t.test("npm start: a service that cannot start stops everything, exit 1 with its last lines", async (t) => {
  const run = await isolatedRun(t);
  // The runner passes EVENT_NAMESPACE through; every service refuses this one (exit 78, EX_CONFIG) once loaded.
  const runner = new RunnerProcess({ ...run.env, EVENT_NAMESPACE: "Not-A-Namespace" });
  t.teardown(() => runner.forceStop(READY_TIMEOUT_MS));

  const exit = await runner.exit(READY_TIMEOUT_MS);
  t.same(exit, { code: 1, signal: null }, "the runner exits 1");
  const lines = runner.runnerLines();
  const pids = Object.values(lines.find((line) => line.pids !== undefined)?.pids ?? {});
  t.equal(pids.length, 6, "all six services had been started");
  const crash = lines.find((line) => line.level === "error" && /exited with code 78/.test(line.msg ?? ""));
  t.ok(crash, "the runner names the service that exited and its exit code");
  const lastLines = lines.find((line) => line.msg?.startsWith("last lines of ") === true);
  t.match(lastLines?.lines?.join("\n"), /EVENT_NAMESPACE/, "and shows that service's last lines, with the reason");
  t.notOk(
    lines.some((line) => line.msg?.startsWith("TPX is ready")),
    "it never claimed to be ready",
  );
  for (const pid of pids) t.notOk(await isRunning(pid), `service process ${pid} is gone`);
  if (exit === "timeout" || exit.code !== 1) t.comment(runner.tail());
});
