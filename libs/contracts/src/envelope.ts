import { randomUUID } from "node:crypto";

/**
 * CloudEvents 1.0 structured JSON envelope, the only shape on the wire.
 * `traceparent`/`tracestate` are the CloudEvents distributed-tracing extension; the same values also travel in
 * NATS headers so a consumer can continue the trace without parsing the body first.
 */
export interface CloudEvent<T = unknown> {
  specversion: "1.0";
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: "application/json";
  dataschema: string;
  traceparent?: string;
  tracestate?: string;
  data: T;
}

export class EventDecodeError extends Error {
  override name = "EventDecodeError";
}

export interface EnvelopeInput<T> {
  source: string;
  type: string;
  dataschema: string;
  data: T;
  subject?: string;
  id?: string;
  time?: Date;
}

export function createEnvelope<T>(input: EnvelopeInput<T>): CloudEvent<T> {
  return {
    specversion: "1.0",
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    ...(input.subject === undefined ? {} : { subject: input.subject }),
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: "application/json",
    dataschema: input.dataschema,
    data: input.data,
  };
}

const REQUIRED_STRINGS = ["id", "source", "type", "time", "dataschema"] as const;

/** Parses the envelope; the payload is decoded separately by the event's own contract. */
export function parseEnvelope(bytes: Uint8Array | string): CloudEvent<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes));
  } catch {
    throw new EventDecodeError("event body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EventDecodeError("event body is not a JSON object");
  }
  const event = value as Record<string, unknown>;
  if (event.specversion !== "1.0") throw new EventDecodeError("specversion must be 1.0");
  for (const key of REQUIRED_STRINGS) {
    if (typeof event[key] !== "string" || event[key] === "")
      throw new EventDecodeError(`envelope field ${key} missing`);
  }
  if (!("data" in event)) throw new EventDecodeError("envelope field data missing");
  return event as unknown as CloudEvent<unknown>;
}
