// `npm start`: the whole platform on one machine. PostgreSQL (configured, local, or embedded), one migrated database
// per service, NATS and Redis (used where they answer, else started from local binaries), then the six services as
// child processes with one combined log, and on an empty platform demo data through the API (scripts/demo). Ctrl-C
// stops the services first, then what the runner started itself.
import { ConfigError } from "@tpx/service-kit/config";
import { printBanner } from "./banner.ts";
import { addDemoData } from "./demo-data.ts";
import { errorMessage } from "./error-message.ts";
import { describeStopReason, Lifecycle, type StopReason, StopRequested } from "./lifecycle.ts";
import { ensureLocalServer } from "./local-server.ts";
import { createLogOutput, type LogOutput } from "./log-output.ts";
import { natsServerSpec } from "./nats-server.ts";
import { resolvePostgresServer } from "./postgres-server.ts";
import { ensurePrismaClients } from "./prisma-clients.ts";
import { waitUntilReady } from "./readiness.ts";
import { redisServerSpec } from "./redis-server.ts";
import { prepareServiceDatabases, serviceDatabaseUrls } from "./service-databases.ts";
import { assertServicePortsFree, startServices } from "./service-processes.ts";
import { SERVICE_NAMES } from "./services.ts";
import { loadSettings, type RunnerSettings } from "./settings.ts";

/** Waits for every branch, so nothing is still starting when a failure leads to cleanup; rethrows the first error. */
async function allSettled(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}

async function start(settings: RunnerSettings, lifecycle: Lifecycle, output: LogOutput): Promise<void> {
  if (settings.generatePrisma === "auto") await lifecycle.step(ensurePrismaClients(output));
  await lifecycle.step(assertServicePortsFree(settings.ports));
  const serverUrl = await lifecycle.step(resolvePostgresServer(settings, lifecycle, output));
  const databaseUrls = serviceDatabaseUrls(settings, serverUrl);
  await lifecycle.step(
    allSettled([
      prepareServiceDatabases(databaseUrls, output),
      ensureLocalServer(natsServerSpec(settings.natsUrl, settings.dataDir), lifecycle, output),
      ensureLocalServer(redisServerSpec(settings.redisUrl), lifecycle, output),
    ]),
  );
  startServices(settings, databaseUrls, lifecycle, output);
  await waitUntilReady(settings.ports, settings.startTimeoutMs, lifecycle);
  // Through the API like any client, so the services must be up; an empty platform gets the demo data.
  const demo = await lifecycle.step(addDemoData(settings, output));
  printBanner({ ports: settings.ports, admin: settings.admin, startupMs: process.uptime() * 1000, demo }, output);
}

/** Says why the run ends; true when that is a failure. */
function reportStopReason(reason: StopReason, output: LogOutput): boolean {
  if (reason.kind === "signal") {
    output.info(`${reason.signal}: stopping`);
    return false;
  }
  output.error(describeStopReason(reason));
  if (reason.kind === "crash") {
    output.error(`last lines of ${reason.process.name}:\n${reason.process.recentLines().join("\n")}`, {
      lines: reason.process.recentLines(),
    });
  }
  return true;
}

async function main(): Promise<number> {
  let settings: RunnerSettings;
  try {
    settings = loadSettings(process.env, process.stdout.isTTY === true);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `npm start: cannot start, invalid configuration:\n${error.problems.map((p) => `  - ${p}\n`).join("")}`,
    );
    return 78;
  }
  const output = createLogOutput({
    pretty: settings.prettyLogs,
    color: settings.prettyLogs && process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    sources: SERVICE_NAMES,
  });
  const lifecycle = new Lifecycle();
  lifecycle.handleSignals((signal) => output.error(`${signal} again: killing every process now`));

  try {
    await start(settings, lifecycle, output);
  } catch (error) {
    if (!(error instanceof StopRequested)) lifecycle.requestStop({ kind: "error", error });
  }
  const failed = reportStopReason(await lifecycle.stopRequested, output);
  const problems = await lifecycle.cleanup((name, durationMs) => output.info(`stopped ${name} (${durationMs} ms)`));
  for (const problem of problems) output.error(problem);
  if (failed || problems.length > 0) {
    output.error("stopped after a failure");
    return 1;
  }
  output.info("stopped; nothing left running");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm start failed: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
