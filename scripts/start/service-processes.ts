import type { Lifecycle } from "./lifecycle.ts";
import type { LogOutput } from "./log-output.ts";
import { describeExit, ManagedProcess } from "./managed-process.ts";
import { isPortFree } from "./ports.ts";
import { serviceWiring } from "./service-wiring.ts";
import { envPrefix, repoRoot, SERVICE_NAMES, type ServiceName, serviceEntry } from "./services.ts";
import { RUNNER_ONLY_VARIABLES, type RunnerSettings } from "./settings.ts";

/** Longer than a service's own SHUTDOWN_TIMEOUT_MS (25 s by default), so its own limit fires first. */
const STOP_GRACE_MS = 30_000;

/** Fails before anything starts when a port is taken: most often another `npm start` still running. */
export async function assertServicePortsFree(ports: Record<ServiceName, number>): Promise<void> {
  const taken = [];
  for (const service of SERVICE_NAMES) {
    if (!(await isPortFree(ports[service]))) taken.push(`${ports[service]} (${service})`);
  }
  if (taken.length > 0) {
    throw new Error(
      `port ${taken.join(", ")} already in use: is another npm start running? Choose others with PORT_BASE or ${envPrefix("gateway")}_PORT…`,
    );
  }
}

/** The environment a service gets: everything the runner got, minus its own variables, plus where things are. */
function serviceEnv(service: ServiceName, settings: RunnerSettings, databaseUrl: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !RUNNER_ONLY_VARIABLES.includes(name)),
  );
  return {
    ...inherited,
    ...serviceWiring(service, settings.ports, process.env),
    PORT: String(settings.ports[service]),
    DATABASE_URL: databaseUrl,
    NATS_URL: settings.natsUrl,
    REDIS_URL: settings.redisUrl,
    LOG_PRETTY: String(settings.prettyLogs),
    ...(service === "gateway" ? { ADMIN_EMAIL: settings.admin.email, ADMIN_PASSWORD: settings.admin.password } : {}),
  };
}

/** Starts the six services the way their images do (`node --import tsx services/<name>/src/main.ts`). */
export function startServices(
  settings: RunnerSettings,
  databaseUrls: Record<ServiceName, string>,
  lifecycle: Lifecycle,
  output: LogOutput,
): Record<ServiceName, ManagedProcess> {
  const processes = {} as Record<ServiceName, ManagedProcess>;
  for (const service of SERVICE_NAMES) {
    processes[service] = new ManagedProcess({
      name: service,
      command: process.execPath,
      args: ["--import", "tsx", serviceEntry(service)],
      cwd: repoRoot,
      env: serviceEnv(service, settings, databaseUrls[service]),
      stopSignal: "SIGTERM",
      onLine: (line, stream) => output.line(service, line, stream),
    });
    lifecycle.watch(processes[service]);
  }
  output.info(
    `started ${SERVICE_NAMES.map((service) => `${service} (pid ${processes[service].pid}, port ${settings.ports[service]})`).join(", ")}`,
    { pids: Object.fromEntries(SERVICE_NAMES.map((service) => [service, processes[service].pid])) },
  );
  lifecycle.own("services", () => stopServices(processes, output));
  return processes;
}

/** SIGTERM to every service at once; each should finish its in-flight work and exit 0. */
async function stopServices(processes: Record<ServiceName, ManagedProcess>, output: LogOutput): Promise<void> {
  const running = SERVICE_NAMES.filter((service) => processes[service].isRunning);
  if (running.length === 0) return;
  output.info(`stopping ${running.join(", ")}`);
  const results = await Promise.all(
    running.map(async (service) => ({ service, status: await processes[service].stop(STOP_GRACE_MS) })),
  );
  // Killed by the SIGTERM itself is fine too: a service still loading its modules has no handler installed yet.
  const unclean = results.filter(({ status }) => status.code !== 0 && status.signal !== "SIGTERM");
  if (unclean.length > 0) {
    throw new Error(
      `did not stop cleanly: ${unclean.map(({ service, status }) => describeExit(service, status)).join(", ")}`,
    );
  }
}
