import { setTimeout as pause } from "node:timers/promises";
import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import { errors } from "@nats-io/transport-node";
import type { Logger } from "@tpx/observability";

/** Pause before consuming again after the subscription ended on its own (connection trouble). */
const RESUME_DELAY_MS = 1_000;

export interface ConsumeSettings {
  /** Messages requested per pull. */
  maxMessages: number;
  /** Most messages handed to `handle` at once; only what has already arrived is grouped, nothing waits to fill. */
  batchSize: number;
  /** How long each pull request stays open on the server (nats.js default 30 s, minimum 1 s). */
  expiresMs?: number;
}

export interface RunningConsumer {
  /** Stops pulling; resolves once the messages already received went through `handle`. */
  stop(): Promise<void>;
}

/**
 * Pulls from a durable consumer until stopped and hands the received messages to `handle`, one batch at a time, in
 * delivery order. If the subscription ends by itself (its pull failed, the iterator was stopped with an error) this
 * logs it and consumes again, instead of leaving the consumer silently dead or rejecting a promise nobody awaits
 * (which would crash the process). It gives up only when the connection was closed for good.
 */
export async function consumeUntilStopped(
  consumer: Consumer,
  settings: ConsumeSettings,
  log: Logger,
  handle: (batch: JsMsg[]) => Promise<void>,
): Promise<RunningConsumer> {
  const stopping = new AbortController();
  const wait = () => pause(RESUME_DELAY_MS, undefined, { signal: stopping.signal }).catch(() => {});
  // Callback mode: the messages land in our own queue, so a batch is simply "what is queued now".
  const queue: JsMsg[] = [];
  let wakeUp: (() => void) | undefined;
  const signal = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  const open = () =>
    consumer.consume({
      max_messages: settings.maxMessages,
      ...(settings.expiresMs === undefined ? {} : { expires: settings.expiresMs }),
      callback: (message) => {
        queue.push(message);
        signal();
      },
    });

  /** Handles queued messages until the subscription has ended and the queue is empty. */
  const drain = async (messages: ConsumerMessages): Promise<void> => {
    let ended: { error: Error | undefined } | undefined;
    void messages.closed().then((error) => {
      ended = { error: error instanceof Error ? error : undefined };
      signal();
    });
    for (;;) {
      if (queue.length > 0) {
        await handle(queue.splice(0, settings.batchSize));
        continue;
      }
      if (ended) {
        if (ended.error) throw ended.error;
        return;
      }
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
      });
    }
  };

  let current: ConsumerMessages | undefined = await open();
  const loop = (async () => {
    let messages: ConsumerMessages | undefined = current;
    while (!stopping.signal.aborted) {
      if (!messages) {
        try {
          messages = await open();
        } catch (error) {
          if (error instanceof errors.ClosedConnectionError) {
            log.warn("nats connection closed; consumer stopped");
            return;
          }
          log.error({ err: error }, "could not resume consuming; retrying");
          await wait();
          continue;
        }
        current = messages;
        if (stopping.signal.aborted) await messages.close();
      }
      try {
        await drain(messages);
      } catch (error) {
        if (!stopping.signal.aborted) log.error({ err: error }, "consuming failed; resuming");
        // If `handle` threw, the subscription is still pulling: end it before opening the next one. Messages taken
        // but not settled are redelivered after AckWait.
        await messages.close().catch(() => {});
      }
      messages = undefined;
      if (!stopping.signal.aborted) await wait();
    }
  })();
  return {
    stop: async () => {
      stopping.abort();
      await current?.close();
      await loop;
    },
  };
}
