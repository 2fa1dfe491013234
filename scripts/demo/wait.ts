import { setTimeout as sleep } from "node:timers/promises";
import { TpxApiError } from "./tpx-client.ts";

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Reads until `done` says yes. The things waited for are effects of events between services, so a timeout names
 * what did not arrive and along which path. A 429 waits as long as the gateway asks (the demo shares the per-IP
 * limits with everything else on this machine); any other error ends the wait.
 */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    let pause = options.intervalMs ?? 200;
    try {
      const value = await read();
      if (done(value)) return value;
    } catch (error) {
      if (!(error instanceof TpxApiError && error.status === 429)) throw error;
      pause = Math.max(pause, retryAfterMs(error));
    }
    if (Date.now() + pause > deadline) {
      throw new Error(`demo data: ${what} did not arrive within ${options.timeoutMs / 1000} s`);
    }
    await sleep(pause);
  }
}

/** Calls `call` again after a 429 for as long as the gateway says, at most `attempts` times. */
export async function retryRateLimited<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof TpxApiError && error.status === 429) || attempt >= attempts) throw error;
      await sleep(retryAfterMs(error));
    }
  }
}

function retryAfterMs(error: TpxApiError): number {
  const seconds = (error.body as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return Math.min(60, Math.max(1, seconds ?? 5)) * 1000;
}
