import type { partnerRegisteredV1 } from "@tpx/contracts";
import { createLogger, type Logger } from "@tpx/observability";
import type { Tx as SurveyTx } from "../../../../services/survey/src/db.ts";
import type { ReceivedEvent } from "../../src/index.ts";

/** The event every messaging test sends: partner.registered v1, produced by partner, consumed here by survey. */
export type PartnerRegistered = ReturnType<typeof partnerRegisteredV1.create>;
export type Handler = (tx: SurveyTx, event: ReceivedEvent<PartnerRegistered>) => Promise<void>;

/**
 * The effect the test consumer applies. Deliberately WITHOUT a unique constraint on event_id: if an event were
 * applied twice it would show up as two rows, so only the consumer's inbox can keep the count at one.
 */
export const CREATE_EFFECT_TABLE = `CREATE TABLE test_effect (
  seq        bigserial PRIMARY KEY,
  event_id   text NOT NULL,
  partner_id text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
)`;

/** One row in test_effect per application of an event. */
export const recordEffect: Handler = async (tx, event) => {
  await tx.$executeRawUnsafe(
    "INSERT INTO test_effect (event_id, partner_id) VALUES ($1, $2)",
    event.envelope.id,
    event.data.partnerId,
  );
};

/** Silent unless TEST_LOG_LEVEL is set (e.g. TEST_LOG_LEVEL=debug npx tap …). */
export function testLogger(service: string): Logger {
  return createLogger({ service, level: process.env.TEST_LOG_LEVEL ?? "silent" });
}
