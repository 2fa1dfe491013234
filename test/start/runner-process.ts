import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { SERVICE_NAMES, type ServiceName } from "@tpx/contracts";
import { dropDatabase } from "@tpx/db";
import { TEST_DATABASE_PREFIX, type TeardownRegistry, testDatabaseAdminUrl, testNamespace } from "@tpx/testing";
import { isPortFree } from "../../scripts/start/ports.ts";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/** A timer that does not keep the test process alive once the test is done. */
export function elapsed(ms: number): Promise<void> {
  return sleep(ms, undefined, { ref: false });
}

/**
 * Six consecutive free ports away from the defaults, so a developer's own `npm start` can keep running. Below Linux's
 * ephemeral range (32768+): there, any outgoing connection of a test running alongside can take a port between our
 * check and the service's listen (seen as EADDRINUSE in CI).
 */
async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = SERVICE_NAMES.map((_, offset) => base + offset);
    if ((await Promise.all(ports.map(isPortFree))).every(Boolean)) return base;
  }
  throw new Error("found no six consecutive free ports");
}

/**
 * The test's environment without tap's own variables: its NODE_OPTIONS would load tap's process tracking into the
 * runner and all six services, which a developer's `npm start` does not have.
 */
function environmentWithoutTap(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== "NODE_OPTIONS" && !/^_?TAP/.test(name)),
  );
}

export interface IsolatedRun {
  env: NodeJS.ProcessEnv;
  adminUrl: string;
  /** The six databases the runner will create, dropped on teardown. */
  databases: string[];
  port(service: ServiceName): number;
}

/**
 * Settings that keep a runner under test apart from everything else on the machine's shared servers: its own
 * databases (dropped on teardown), event namespace (streams deleted on teardown) and ports.
 */
export async function isolatedRun(t: TeardownRegistry): Promise<IsolatedRun> {
  const adminUrl = testDatabaseAdminUrl();
  const prefix = `${TEST_DATABASE_PREFIX}start_${randomBytes(4).toString("hex")}_`;
  const databases = SERVICE_NAMES.map((service) => `${prefix}${service}`);
  t.teardown(async () => {
    for (const name of databases) await dropDatabase(adminUrl, name);
  });
  const portBase = await freePortBase();
  return {
    env: {
      ...environmentWithoutTap(),
      DATABASE_ADMIN_URL: adminUrl,
      TPX_DB_PREFIX: prefix,
      PORT_BASE: String(portBase),
      EVENT_NAMESPACE: testNamespace(t),
      LOG_PRETTY: "false",
      // Regenerating would rewrite code that test files running alongside have loaded; CI generates beforehand.
      TPX_GENERATE_PRISMA: "never",
      // A test that wants the demo data (test/start/demo-data.test.ts) asks for it; the others start empty.
      TPX_DEMO_DATA: "false",
    },
    adminUrl,
    databases,
    port: (service) => portBase + SERVICE_NAMES.indexOf(service),
  };
}

export interface RunnerLine {
  service?: string;
  level?: string;
  msg?: string;
  pids?: Record<string, number>;
  lines?: string[];
}

export interface RunnerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `npm start` as a child process (the runner itself, no npm in between), its JSON log lines kept. */
export class RunnerProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<RunnerExit>;
  private readonly waiters: { match: (line: RunnerLine) => boolean; resolve: (line: RunnerLine) => void }[] = [];

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ["--import", "tsx", "scripts/start/main.ts"], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on("line", (line) => this.onLine(line));
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first runner line that matches; rejects when the runner exits first or time runs out. */
  async waitForRunnerLine(match: (line: RunnerLine) => boolean, timeoutMs: number): Promise<RunnerLine> {
    const found = new Promise<RunnerLine>((resolve) => this.waiters.push({ match, resolve }));
    const exitedFirst = this.exited.then(({ code, signal }) => {
      throw new Error(`npm start exited (code ${code}, signal ${signal}) first`);
    });
    const timeout = elapsed(timeoutMs).then(() => {
      throw new Error(`not seen within ${timeoutMs} ms`);
    });
    return Promise.race([found, exitedFirst, timeout]);
  }

  /** How the runner ended, or "timeout". */
  async exit(timeoutMs: number): Promise<RunnerExit | "timeout"> {
    return Promise.race([this.exited, elapsed(timeoutMs).then(() => "timeout" as const)]);
  }

  /** The runner's own lines (not the services'). */
  runnerLines(): RunnerLine[] {
    return this.lines.flatMap((line) => {
      const parsed = parseLine(line);
      return parsed?.service === "runner" ? [parsed] : [];
    });
  }

  tail(count = 60): string {
    return this.lines.slice(-count).join("\n");
  }

  /** Teardown for a test that failed half-way: no runner may outlive the test. */
  async forceStop(timeoutMs: number): Promise<void> {
    if (!this.running) return;
    this.child.kill("SIGTERM");
    await this.exit(timeoutMs);
    this.child.kill("SIGKILL");
  }

  private onLine(line: string): void {
    this.lines.push(line);
    const parsed = parseLine(line);
    if (parsed?.service !== "runner") return;
    for (const waiter of this.waiters.filter((candidate) => candidate.match(parsed))) waiter.resolve(parsed);
  }
}

function parseLine(line: string): RunnerLine | undefined {
  try {
    return JSON.parse(line) as RunnerLine;
  } catch {
    return undefined;
  }
}
