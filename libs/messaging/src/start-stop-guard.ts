/**
 * What lets a component's `stop()` arrive while its `start()` is still awaiting JetStream: `stop` records the request
 * and waits for the start step in progress; the start checks `stopRequested` between steps and starts nothing more,
 * so the caller's stop then tears down only what did start.
 */
export class StartStopGuard {
  stopRequested = false;
  private starting: Promise<void> | undefined;

  async start(run: () => Promise<void>): Promise<void> {
    this.stopRequested = false;
    const starting = run();
    this.starting = starting;
    try {
      await starting;
    } finally {
      if (this.starting === starting) this.starting = undefined;
    }
  }

  /** Marks the stop and resolves once any start in progress has settled. */
  async requestStop(): Promise<void> {
    this.stopRequested = true;
    await this.starting?.catch(() => undefined);
  }
}
