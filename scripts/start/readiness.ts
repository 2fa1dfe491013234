import { setTimeout as sleep } from "node:timers/promises";
import type { Lifecycle } from "./lifecycle.ts";
import { SERVICE_NAMES, type ServiceName } from "./services.ts";

const POLL_INTERVAL_MS = 200;

/** One /readyz call: 200 means ready; anything else says why not (the body lists the failing checks). */
async function probe(port: number): Promise<{ ready: boolean; detail: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
    const body = await response.text();
    return { ready: response.status === 200, detail: `${response.status} ${body}` };
  } catch (error) {
    // fetch says only "fetch failed"; the cause says why (ECONNREFUSED: not listening yet).
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      ready: false,
      detail: `no answer on port ${port}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    };
  }
}

/**
 * Waits until every service answers /readyz with 200 (its database, NATS and Redis reachable). A crash or a signal
 * meanwhile ends the wait through the lifecycle; a timeout names the services that are not ready and why.
 */
export async function waitUntilReady(
  ports: Record<ServiceName, number>,
  timeoutMs: number,
  lifecycle: Lifecycle,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const lastDetail = new Map<ServiceName, string>();
  const waitFor = async (service: ServiceName) => {
    while (!lifecycle.stopping && Date.now() < deadline) {
      const { ready, detail } = await probe(ports[service]);
      if (ready) return true;
      lastDetail.set(service, detail);
      await sleep(POLL_INTERVAL_MS);
    }
    return false;
  };
  const ready = await lifecycle.step(Promise.all(SERVICE_NAMES.map(waitFor)));
  const notReady = SERVICE_NAMES.filter((_, index) => !ready[index]);
  if (notReady.length > 0) {
    const reasons = notReady.map((service) => `  ${service}: ${lastDetail.get(service) ?? "no answer"}`);
    throw new Error(`not ready after ${timeoutMs} ms:\n${reasons.join("\n")}`);
  }
}
