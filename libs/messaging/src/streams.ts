import {
  DiscardPolicy,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import { advisoryStreamName, SERVICE_NAMES, type ServiceName, streamName, streamSubjects } from "@tpx/contracts";

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How long the event streams keep a message (their max_age): long enough to re-deliver or replay a month of history
 * to a new consumer. Inbox retention must exceed it, or a replay could apply an event twice.
 */
export const STREAM_MAX_AGE_DAYS = 30;
const EVENT_RETENTION_MS = STREAM_MAX_AGE_DAYS * DAY_MS;
/** JetStream drops a re-published message with the same Nats-Msg-Id inside this window. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

export function eventStreamConfig(ns: string, producer: ServiceName): Partial<StreamConfig> & { name: string } {
  return {
    name: streamName(ns, producer),
    subjects: streamSubjects(ns, producer),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(EVENT_RETENTION_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: 1,
  };
}

/**
 * Advisories JetStream emits when it gives up on a message for a consumer. They are captured in a stream so a
 * service that is down when one fires still records the dead letter when it comes back.
 */
export function advisoryStreamConfig(ns: string): Partial<StreamConfig> & { name: string } {
  const subjects = SERVICE_NAMES.flatMap((producer) => {
    const stream = streamName(ns, producer);
    return [
      `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.*`,
      `$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.${stream}.*`,
    ];
  });
  return {
    name: advisoryStreamName(ns),
    subjects,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(EVENT_RETENTION_MS),
    num_replicas: 1,
  };
}

/** Creates every stream of the namespace that does not exist yet; existing ones are left as operators tuned them. */
export async function ensureStreams(jsm: JetStreamManager, ns: string): Promise<void> {
  const configs = [...SERVICE_NAMES.map((producer) => eventStreamConfig(ns, producer)), advisoryStreamConfig(ns)];
  for (const config of configs) {
    try {
      await jsm.streams.info(config.name);
    } catch {
      try {
        await jsm.streams.add(config);
      } catch (error) {
        // Another replica may have created it between our two calls.
        await jsm.streams.info(config.name).catch(() => {
          throw error;
        });
      }
    }
  }
}

/** Removes every stream of a namespace (tests). */
export async function deleteStreams(jsm: JetStreamManager, ns: string): Promise<void> {
  const names = [...SERVICE_NAMES.map((producer) => streamName(ns, producer)), advisoryStreamName(ns)];
  for (const name of names) await jsm.streams.delete(name).catch(() => false);
}
