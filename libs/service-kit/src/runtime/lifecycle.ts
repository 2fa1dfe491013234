import { setTimeout as sleep } from "node:timers/promises";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import type { HttpServer } from "../http/build-server.ts";
import type { Platform } from "./platform.ts";

export interface BackgroundTask {
  name: string;
  stop(): Promise<void>;
}

export interface RunningService {
  url: string;
  /** The graceful sequence; resolves when everything is closed. Safe to call more than once. */
  shutdown(reason: string): Promise<void>;
}

/**
 * Starts serving: HTTP first, then the relay, the consumers and dead-letter capture, then any extra tasks (cron
 * jobs). Shutdown reverses it: readiness off, wait for endpoints to notice, close HTTP (in-flight requests finish),
 * stop tasks and consumers (in-flight messages finish), finish the outbox batch, drain NATS, close Redis, database
 * and tracing.
 */
export async function serve<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>>(
  platform: Platform<Tx, Db>,
  app: HttpServer,
  options: { tasks?: BackgroundTask[]; handleSignals?: boolean } = {},
): Promise<RunningService> {
  const { config, logger } = platform;
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  platform.relay.start();
  await platform.consumers.start();
  await platform.deadLetters.start();
  logger.info({ url, consumers: platform.consumers.names() }, "service started");

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    closing ??= (async () => {
      logger.info({ reason }, "shutting down");
      platform.readiness.markShuttingDown();
      if (config.SHUTDOWN_DELAY_MS > 0) await sleep(config.SHUTDOWN_DELAY_MS);
      await app.close();
      for (const task of options.tasks ?? []) await task.stop();
      await platform.consumers.stop();
      await platform.deadLetters.stop();
      await platform.relay.stop();
      await platform.nats.drain();
      await platform.redis?.quit();
      await platform.disconnectDb();
      logger.info("stopped");
      await platform.tracing.shutdown();
    })();
    return closing;
  };

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      const timer = setTimeout(() => {
        logger.error({ signal }, "graceful shutdown timed out");
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS);
      timer.unref();
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  return { url, shutdown };
}
