import type { BackgroundTask } from "@tpx/service-kit";
import type { Deps } from "../deps.ts";
import { deliverDueWebhooks } from "../usecases/deliver-webhooks.ts";
import { dispatchDueMessages } from "../usecases/dispatch-due-messages.ts";

/**
 * The send loop: every DISPATCH_INTERVAL_MS one round of messages and one of webhooks. Every replica runs it; row
 * claiming (SKIP LOCKED) and endpoint leases keep them from doing the same work. Stopping waits for the round.
 */
export function startDispatcher(deps: Deps): BackgroundTask {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const round = async () => {
    try {
      await Promise.all([dispatchDueMessages(deps), deliverDueWebhooks(deps)]);
    } catch (error) {
      deps.logger.error({ err: error }, "dispatch round failed");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round().finally(schedule);
    }, deps.config.DISPATCH_INTERVAL_MS);
  };
  schedule();
  return {
    name: "dispatcher",
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
