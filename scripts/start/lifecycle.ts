import { errorMessage } from "./error-message.ts";
import { describeExit, type ExitStatus, ManagedProcess } from "./managed-process.ts";

export type StopReason =
  | { kind: "signal"; signal: NodeJS.Signals }
  | { kind: "crash"; process: ManagedProcess; status: ExitStatus }
  | { kind: "error"; error: unknown };

/** Thrown out of a start step when a stop was requested meanwhile; the reason is already recorded. */
export class StopRequested extends Error {
  override name = "StopRequested";
}

/** npm and tsx forward the terminal's Ctrl-C that the runner already got; only a later one means "hurry up". */
const REPEATED_SIGNAL_GRACE_MS = 1000;

/**
 * The runner's start/stop bookkeeping: what has been started (and how to stop it, newest first), the first reason to
 * stop (a signal, a crashed child, a failed step), and the signal handlers.
 */
export class Lifecycle {
  private readonly cleanups: { name: string; run: () => Promise<void> }[] = [];
  private readonly late: Promise<void>[] = [];
  private cleaningUp = false;
  private reason: StopReason | undefined;
  private resolveStop!: (reason: StopReason) => void;
  private readonly stopped = new Promise<StopReason>((resolve) => {
    this.resolveStop = resolve;
  });

  /** Resolves with the first reason to stop. */
  get stopRequested(): Promise<StopReason> {
    return this.stopped;
  }

  get stopping(): boolean {
    return this.reason !== undefined;
  }

  requestStop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.resolveStop(reason);
  }

  /**
   * Registers how to stop something that was just started; cleanup runs these newest first. A step still running
   * when cleanup has begun (a signal does not wait for it) gets its stop run at once.
   */
  own(name: string, stop: () => Promise<void>): void {
    if (this.cleaningUp) {
      this.late.push(stop().catch(() => {}));
      return;
    }
    this.cleanups.push({ name, run: stop });
  }

  /** A child that exits while nobody asked it to is a crash, and stops the whole run. */
  watch(child: ManagedProcess): void {
    void child.exited.then((status) => {
      if (!this.stopping) this.requestStop({ kind: "crash", process: child, status });
    });
  }

  /** Runs one start step unless a stop is requested first (the step itself is left to finish or fail on its own). */
  async step<T>(work: Promise<T>): Promise<T> {
    if (this.stopping) throw new StopRequested();
    return new Promise<T>((resolve, reject) => {
      work.then(resolve, reject);
      void this.stopped.then(() => reject(new StopRequested()));
    });
  }

  /** Runs every registered stop, newest first; returns what went wrong (empty when all stopped cleanly). */
  async cleanup(onStopped?: (name: string, durationMs: number) => void): Promise<string[]> {
    this.cleaningUp = true;
    const problems: string[] = [];
    for (let entry = this.cleanups.pop(); entry !== undefined; entry = this.cleanups.pop()) {
      const startedAt = Date.now();
      try {
        await entry.run();
        onStopped?.(entry.name, Date.now() - startedAt);
      } catch (error) {
        problems.push(`${entry.name}: ${errorMessage(error)}`);
      }
    }
    await Promise.all(this.late);
    return problems;
  }

  /**
   * SIGINT/SIGTERM/SIGHUP ask for the orderly stop. A second one a moment later kills every child at once and exits:
   * the way out when a service hangs in its shutdown.
   */
  handleSignals(onForce: (signal: NodeJS.Signals) => void): void {
    let firstAt = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstAt === 0) {
        firstAt = Date.now();
        this.requestStop({ kind: "signal", signal });
        return;
      }
      if (Date.now() - firstAt < REPEATED_SIGNAL_GRACE_MS) return;
      onForce(signal);
      ManagedProcess.signalAllRunning("SIGKILL");
      process.exit(130);
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  }
}

export function describeStopReason(reason: StopReason): string {
  switch (reason.kind) {
    case "signal":
      return `received ${reason.signal}`;
    case "crash":
      return describeExit(reason.process.name, reason.status);
    case "error":
      return errorMessage(reason.error);
  }
}
