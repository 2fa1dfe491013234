import { setTimeout as sleep } from "node:timers/promises";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import type { HttpServer } from "../http/build-server.ts";
import { trackConnections } from "./http-connections.ts";
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
 * Starts serving: HTTP first, then the relay, the consumers and dead-letter capture (cron jobs, started by the
 * service's setup, come in as `tasks`). Shutdown reverses it: readiness off, wait for endpoints to notice, close HTTP
 * (in-flight requests finish, their connections close), stop tasks and consumers (the batches in hand finish, received
 * messages not yet handled go back to JetStream), finish the outbox batch, drain NATS, close Redis, database and
 * tracing. A signal during the start is handled too: what is starting finishes its current step, nothing more starts,
 * and everything is stopped.
 */
export async function serve<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>>(
  platform: Platform<Tx, Db>,
  app: HttpServer,
  options: { tasks?: BackgroundTask[]; handleSignals?: boolean } = {},
): Promise<RunningService> {
  const { config, logger } = platform;
  const connections = trackConnections(app.server);
  let closing: Promise<void> | undefined;
  let started = false;
  /** What the shutdown is waiting for: the timeout message names it. */
  let currentStep = "";

  const startup = (async () => {
    const url = await app.listen({ host: config.HOST, port: config.PORT });
    if (!closing) platform.relay.start();
    if (!closing) await platform.consumers.start();
    if (!closing) await platform.deadLetters.start();
    started = true;
    return url;
  })();

  const step = async (name: string, run: () => Promise<unknown>) => {
    currentStep = name;
    const startedAt = Date.now();
    await run();
    logger.debug({ step: name, ms: Date.now() - startedAt }, "shutdown step done");
  };
  const shutdown = (reason: string) => {
    closing ??= (async () => {
      logger.info({ reason }, "shutting down");
      platform.readiness.markShuttingDown();
      if (!started) {
        // Stopping the consumers now keeps a start in progress from starting any more of them.
        await step("start in progress", () => Promise.all([startup.catch(() => undefined), platform.consumers.stop()]));
      }
      if (config.SHUTDOWN_DELAY_MS > 0) await step("delay", () => sleep(config.SHUTDOWN_DELAY_MS));
      await step("http", () => {
        connections.closeAfterResponses();
        return app.close();
      });
      for (const task of options.tasks ?? []) await step(task.name, () => task.stop());
      await step("consumers", () => platform.consumers.stop());
      await step("dead-letters", () => platform.deadLetters.stop());
      await step("outbox relay", () => platform.relay.stop());
      await step("nats", () => platform.nats.drain());
      await step("redis", async () => platform.redis?.quit());
      await step("database", () => platform.disconnectDb());
      logger.info("stopped");
      await platform.tracing.shutdown();
    })();
    return closing;
  };

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      const timer = setTimeout(() => {
        logger.error({ signal, waitingFor: currentStep }, "graceful shutdown timed out");
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

  const url = await startup;
  if (!closing) logger.info({ url, consumers: platform.consumers.names() }, "service started");
  return { url, shutdown };
}
