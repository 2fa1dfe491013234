import {
  create,
  type DescMessage,
  fromJson,
  type JsonValue,
  type MessageInitShape,
  type MessageJsonType,
  type MessageShape,
  toJson,
} from "@bufbuild/protobuf";
import type { EventContract } from "../contract.ts";
import { EventDecodeError } from "../envelope.ts";
import type { ServiceName } from "../services.ts";
import { PayloadCheck } from "./payload-check.ts";

/** A producer tried to publish a payload that breaks its contract: a bug in the producer, never retried. */
export class EventPayloadError extends Error {
  override name = "EventPayloadError";
}

/**
 * An event contract backed by a generated protobuf message.
 *
 * The payload type is the generated message type (`MessageShape<Desc>`, e.g. `ResponseRecorded`), so the
 * proto file is the single source of the shape. Producers build it with `create`, which takes the plain
 * init object (every field optional, nested messages as plain objects) and fills proto3 defaults:
 *
 *     const data = responseRecordedV1.create({ responseId, partnerId, answers: [...], submittedAt: timestampNow() });
 *     await outbox.add(tx, responseRecordedV1, data);
 *
 * On the wire `data` is proto3 JSON (`encode`), with implicit fields always written so webhook readers see
 * every field. `decode` rejects unknown fields: a consumer must be deployed with a contract version that knows
 * every field and enum value its producers send.
 */
export interface ProtoEventContract<Desc extends DescMessage> extends EventContract<MessageShape<Desc>> {
  readonly schema: Desc;
  /** Builds a payload from a plain object; does not check it (`encode` does). */
  create(init: MessageInitShape<Desc>): MessageShape<Desc>;
  /** What is wrong with the payload beyond its proto shape; empty when it is valid. */
  problems(data: MessageShape<Desc>): string[];
  /** Checks the payload and returns its proto3 JSON; throws `EventPayloadError` when it is invalid. */
  encode(data: MessageShape<Desc>): MessageJsonType<Desc>;
}

export interface EventDefinition<Desc extends DescMessage> {
  type: string;
  version: number;
  producer: ServiceName;
  description: string;
  schema: Desc;
  /** Semantic rules proto3 cannot state (required ids, ranges, cross-field rules). */
  check(data: MessageShape<Desc>, check: PayloadCheck): void;
}

export function defineEvent<Desc extends DescMessage>(definition: EventDefinition<Desc>): ProtoEventContract<Desc> {
  const { type, version, producer, description, schema } = definition;
  const label = `${type}.v${version}`;

  const problems = (data: MessageShape<Desc>): string[] => {
    const check = new PayloadCheck();
    definition.check(data, check);
    return check.problems;
  };

  return Object.freeze({
    type,
    version,
    producer,
    description,
    dataschema: schema.typeName,
    schema,
    create: (init: MessageInitShape<Desc>) => create(schema, init),
    problems,
    decode(json: unknown): MessageShape<Desc> {
      if (typeof json !== "object" || json === null || Array.isArray(json)) {
        throw new EventDecodeError(`${label}: data must be a JSON object`);
      }
      let data: MessageShape<Desc>;
      try {
        data = fromJson(schema, json as JsonValue, { ignoreUnknownFields: false });
      } catch (error) {
        throw new EventDecodeError(`${label}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      const found = problems(data);
      if (found.length > 0) throw new EventDecodeError(`${label}: ${found.join("; ")}`);
      return data;
    },
    encode(data: MessageShape<Desc>): MessageJsonType<Desc> {
      const found = problems(data);
      if (found.length > 0) throw new EventPayloadError(`${label}: ${found.join("; ")}`);
      return toJson(schema, data, { alwaysEmitImplicit: true }) as MessageJsonType<Desc>;
    },
  });
}
