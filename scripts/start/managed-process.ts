import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  error?: Error;
}

export interface ProcessOptions {
  /** Shown in logs and error messages: `partner`, `postgres`, `nats-server`. */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** The signal that asks this program for a clean shutdown (SIGTERM for most, SIGINT is Postgres' fast mode). */
  stopSignal: NodeJS.Signals;
  /** Every line the process writes, as it arrives. */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

/** How many of a process' last output lines are kept to explain a crash. */
const RECENT_LINE_COUNT = 40;

/** How long after a process exits its remaining output may still arrive. */
const OUTPUT_DRAIN_MS = 1000;

/** Processes still running, so an unplanned exit of the runner can still signal them (see below). */
const running = new Set<ManagedProcess>();

/**
 * A child process the runner owns. It is started in its own process group (`detached`), so a Ctrl-C in the terminal
 * reaches only the runner, which then stops the services before the servers they depend on.
 */
export class ManagedProcess {
  readonly name: string;
  readonly exited: Promise<ExitStatus>;
  private readonly child: ChildProcess;
  private readonly stopSignal: NodeJS.Signals;
  private readonly recent: string[] = [];
  private status: ExitStatus | undefined;

  constructor(options: ProcessOptions) {
    this.name = options.name;
    this.stopSignal = options.stopSignal;
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(this);
    this.exited = new Promise((resolve) => {
      const finish = (status: ExitStatus) => {
        if (this.status) return;
        this.status = status;
        running.delete(this);
        resolve(status);
      };
      this.child.once("error", (error) => finish({ code: null, signal: null, error }));
      // "close" comes once every line of its output has been read. A grandchild holding the pipe open (a PostgreSQL
      // backend outliving a killed postmaster) must not delay it for long, hence the deadline after "exit".
      this.child.once("close", (code, signal) => finish({ code, signal }));
      this.child.once("exit", (code, signal) => {
        setTimeout(() => finish({ code, signal }), OUTPUT_DRAIN_MS).unref();
      });
    });
    for (const stream of ["stdout", "stderr"] as const) {
      const source = this.child[stream];
      if (!source) continue;
      createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
        this.recent.push(line);
        if (this.recent.length > RECENT_LINE_COUNT) this.recent.shift();
        options.onLine?.(line, stream);
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return this.status === undefined;
  }

  /** The last lines it wrote, oldest first. */
  recentLines(): string[] {
    return [...this.recent];
  }

  /** Asks for a clean shutdown; after `graceMs` without an exit, kills it. Resolves with how it ended. */
  async stop(graceMs: number): Promise<ExitStatus> {
    if (this.status) return this.status;
    this.signal(this.stopSignal);
    const timer = setTimeout(() => this.signal("SIGKILL"), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  signal(signal: NodeJS.Signals): void {
    if (this.status) return;
    try {
      this.child.kill(signal);
    } catch {
      // Already gone between the check and the kill.
    }
  }

  /** Signals every process of this runner that is still running; the last resort when the runner itself dies. */
  static signalAllRunning(signal?: NodeJS.Signals): void {
    for (const managed of running) managed.signal(signal ?? managed.stopSignal);
  }
}

/** `partner exited with code 1`, `postgres was killed by SIGKILL`, `nats-server could not start: spawn ENOENT`. */
export function describeExit(name: string, status: ExitStatus): string {
  if (status.error) return `${name} could not start: ${status.error.message}`;
  if (status.signal) return `${name} was stopped by ${status.signal}`;
  return `${name} exited with code ${status.code}`;
}

// Children live in their own process groups, so nothing else stops them if the runner ends without its shutdown
// sequence (an uncaught error, process.exit). "exit" handlers run synchronously: a signal is all that fits here.
process.on("exit", () => ManagedProcess.signalAllRunning());
