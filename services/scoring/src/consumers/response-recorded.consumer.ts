import { responseRecordedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import type { ScoringDeps } from "../usecases/deps.ts";
import { recordResponses } from "../usecases/record-response.ts";

/**
 * Every batch the runner hands over is stored and recomputed set-based; a single event is a batch of one. A batch
 * costs five statements and a commit whatever its size, so batches are larger than the runner's default (measured in
 * bench/scoring-recompute.ts: 32 → 128 took a backlog from about 1,900 to 2,750 responses/s).
 */
export const responseRecordedConsumer = (deps: ScoringDeps) =>
  defineConsumer({
    contract: responseRecordedV1,
    batchSize: 128,
    handle: async (tx: Tx, event) => {
      await recordResponses(deps, tx, [event]);
    },
    handleBatch: async (tx: Tx, events) => {
      await recordResponses(deps, tx, events);
    },
  });
