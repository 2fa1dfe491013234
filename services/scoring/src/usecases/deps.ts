import type { Outbox } from "@tpx/messaging";
import type { PcrSettings } from "../domain/compute-pcr.ts";

/** What the scoring use cases need besides the transaction they run in. */
export interface ScoringDeps {
  outbox: Outbox;
  settings: PcrSettings;
  now(): Date;
}
