import { setTimeout as sleep } from "node:timers/promises";

/** What a successful wait returns: the value, known not to be falsy. */
export type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

export interface WaitForOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 25 ms). */
  intervalMs?: number;
  /** What is being waited for, shown in the timeout error. */
  description?: string;
}

/**
 * Polls `fn` until it returns a truthy value and resolves with that value. A throw counts as "not yet" (the
 * condition may depend on something still starting); on timeout the last value or error is in the message, so a
 * failing test says what it saw rather than only that it waited.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Truthy<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let last: { value?: unknown; error?: unknown } = {};
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as Truthy<T>;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen =
        "error" in last
          ? `last error: ${(last.error as Error)?.message ?? String(last.error)}`
          : `last value: ${describe(last.value)}`;
      throw new Error(
        `waitFor timed out after ${timeoutMs} ms${options.description ? ` (${options.description})` : ""}; ${seen}`,
      );
    }
    await sleep(intervalMs);
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
