import { setTimeout as pause } from "node:timers/promises";
import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import { errors, type Subscription } from "@nats-io/transport-node";
import type { Logger } from "@tpx/observability";

/** Pause before consuming again after the subscription ended on its own (connection trouble). */
const RESUME_DELAY_MS = 1_000;
/** Longest a stop waits for each server round trip of the unsubscribe (longer only when disconnected). */
const ROUND_TRIP_LIMIT_MS = 1_000;

export interface ConsumeSettings {
  /** Messages requested per pull. */
  maxMessages: number;
  /** Most messages handed to `handle` at once; only what has already arrived is grouped, nothing waits to fill. */
  batchSize: number;
  /** How long each pull request stays open on the server (nats.js default 30 s, minimum 1 s). */
  expiresMs?: number;
}

export interface RunningConsumer {
  /**
   * Stops pulling; resolves once the batch `handle` is working on is finished. Messages received but not handed to
   * `handle` yet are released (nak without delay) so JetStream redelivers them at once, to another replica or to this
   * service when it is back, instead of after AckWait: a stop never waits for a backlog to be worked off.
   */
  stop(): Promise<void>;
}

/**
 * Pulls from a durable consumer until stopped and hands the received messages to `handle`, one batch at a time, in
 * delivery order. If the subscription ends by itself (its pull failed, the iterator was stopped with an error) this
 * logs it and consumes again, instead of leaving the consumer silently dead or rejecting a promise nobody awaits
 * (which would crash the process). It gives up only when the connection was closed for good.
 *
 * The client pulls ahead of `handle` (nats.js refills its pull as messages arrive, not as they are handled), so the
 * local queue can hold up to the consumer's max_ack_pending messages; on stop only the batch in hand is finished.
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
  stopping.signal.addEventListener("abort", signal, { once: true });
  const open = () =>
    consumer.consume({
      max_messages: settings.maxMessages,
      ...(settings.expiresMs === undefined ? {} : { expires: settings.expiresMs }),
      callback: (message) => {
        queue.push(message);
        signal();
      },
    });

  /** Handles queued messages until the subscription has ended and the queue is empty, or until stopped. */
  const drain = async (messages: ConsumerMessages): Promise<void> => {
    let ended: { error: Error | undefined } | undefined;
    void messages.closed().then((error) => {
      ended = { error: error instanceof Error ? error : undefined };
      signal();
    });
    for (;;) {
      if (queue.length > 0 && !stopping.signal.aborted) {
        await handle(queue.splice(0, settings.batchSize));
        continue;
      }
      if (stopping.signal.aborted) return;
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
      await Promise.all([current && unsubscribe(consumer, current), loop]);
      // Only now that the server has forgotten this subscription's pulls can what is released not go back to them.
      release(log, queue.splice(0));
    },
  };
}

/**
 * Ends a subscription without losing what is on its way to it. Its open pull requests keep delivering until the server
 * has seen the unsubscribe, and a plain `close()` would drop those messages on arrival, each then lost for an AckWait:
 * draining the underlying subscription (UNSUB, then a PING/PONG round trip) still hands them to the callback, to be
 * released with the rest. nats-server 2.9 then still hands a redelivery to a pull request whose subscriber is gone
 * (losing it for an AckWait) until its waiting requests are pruned, which a consumer info request does. nats.js does not
 * expose the subscription on `ConsumerMessages`, hence the cast. Each round trip is bounded: disconnected, the stop
 * goes on without them (nothing is lost either way, only redelivered later).
 */
async function unsubscribe(consumer: Consumer, messages: ConsumerMessages): Promise<void> {
  const bounded = (work: Promise<unknown>) =>
    Promise.race([work.catch(() => undefined), pause(ROUND_TRIP_LIMIT_MS, undefined, { ref: false })]);
  const subscription = (messages as ConsumerMessages & { sub?: Subscription }).sub;
  if (subscription && !subscription.isClosed() && !subscription.isDraining()) await bounded(subscription.drain());
  await messages.close();
  await bounded(consumer.info());
}

/**
 * Hands received messages back: nak without delay, so JetStream redelivers them at once. Their delivery count still
 * goes up by one, exactly as it would had they waited out AckWait. A nak that cannot be sent (connection gone) leaves
 * them to AckWait, which is just as safe.
 */
function release(log: Logger, messages: JsMsg[]): void {
  if (messages.length === 0) return;
  try {
    for (const message of messages) message.nak();
  } catch (error) {
    log.warn({ err: error }, "could not release messages; they are redelivered after AckWait");
  }
  log.debug({ released: messages.length }, "stopping: received messages released for redelivery");
}
