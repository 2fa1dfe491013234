import type { ServiceName } from "./services.ts";

/**
 * One version of one event: what it is called, who publishes it, and how its `data` crosses the wire.
 * `decode` must throw `EventDecodeError` for anything that does not match the contract, so consumers can
 * terminate undecodable messages instead of retrying them.
 */
export interface EventContract<T = unknown> {
  readonly type: string;
  readonly version: number;
  readonly producer: ServiceName;
  readonly description: string;
  /** Fully qualified protobuf message name of the payload, used as the CloudEvents `dataschema`. */
  readonly dataschema: string;
  decode(json: unknown): T;
  encode(data: T): unknown;
}

export type EventData<C> = C extends EventContract<infer T> ? T : never;
