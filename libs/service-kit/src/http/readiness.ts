/** What /readyz reports: every dependency check passes and the process is not shutting down. */
export class Readiness {
  private readonly checks = new Map<string, () => Promise<unknown>>();
  private stopping = false;

  addCheck(name: string, check: () => Promise<unknown>): void {
    this.checks.set(name, check);
  }

  markShuttingDown(): void {
    this.stopping = true;
  }

  get shuttingDown(): boolean {
    return this.stopping;
  }

  async evaluate(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const entries = [...this.checks.entries()];
    const results = await Promise.all(
      entries.map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs);
          return [name, "ok"] as const;
        } catch (error) {
          return [name, (error as Error).message || "failed"] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    if (this.stopping) checks.shutdown = "shutting down";
    return { ready: !this.stopping && results.every(([, status]) => status === "ok"), checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
