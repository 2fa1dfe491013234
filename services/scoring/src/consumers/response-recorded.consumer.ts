import { responseRecordedV1 } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import type { ScoringDeps } from "../usecases/deps.ts";
import { recordResponse } from "../usecases/record-response.ts";

export const responseRecordedConsumer = (deps: ScoringDeps) =>
  defineConsumer({
    contract: responseRecordedV1,
    handle: async (tx: Tx, event) => {
      await recordResponse(deps, tx, event.data);
    },
  });
