import { JetStreamApiCodes, JetStreamApiError } from "@nats-io/jetstream";
import {
  InvalidArgumentError,
  InvalidSubjectError,
  PermissionViolationError,
  RequestError,
} from "@nats-io/transport-node";

/**
 * Why a publish failed, as far as the outbox relay is concerned:
 * - `refused`: the client or server rejected this message and will reject it again however long one waits (too large,
 *   illegal subject, not permitted, over a stream limit on message size). Counts towards parking the row.
 * - `no-responders`: nobody answered on the subject. Either no stream captures it (refused) or JetStream is not there
 *   right now (transient); only asking JetStream which stream captures the subject tells the two apart.
 * - `transient`: anything else (NATS unreachable, a timeout, JetStream busy or restarting). Retried without limit and
 *   never parked, so an outage cannot reorder events.
 */
export type PublishFailure = "refused" | "no-responders" | "transient";

/** JetStream API errors that repeat for the same message whatever the wait. */
const REFUSING_API_CODES = new Set([
  10054, // message size exceeds maximum allowed (the stream's max_msg_size)
  10097, // header size exceeds maximum allowed
]);

export function classifyPublishFailure(error: unknown): PublishFailure {
  for (const cause of causeChain(error)) {
    if (cause instanceof InvalidArgumentError && cause.message.includes("max_payload")) return "refused";
    if (cause instanceof InvalidSubjectError || cause instanceof PermissionViolationError) return "refused";
    if (cause instanceof JetStreamApiError) return REFUSING_API_CODES.has(cause.code) ? "refused" : "transient";
    if (cause instanceof RequestError && cause.isNoResponders()) return "no-responders";
  }
  return "transient";
}

/** True when JetStream answered that no stream captures the subject (false also when it did not answer at all). */
export function isNoStreamForSubject(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

/** The error and its causes (nats.js wraps a request's failure, e.g. a permissions violation, in a RequestError). */
function* causeChain(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    yield current;
    current = current instanceof Error ? current.cause : undefined;
  }
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}
