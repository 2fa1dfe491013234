import type { Outbox } from "@tpx/messaging";
import type { Counter } from "prom-client";
import type { PcrSettings } from "../domain/compute-pcr.ts";

/** What the scoring use cases need besides the transaction they run in. */
export interface ScoringDeps {
  outbox: Outbox;
  settings: PcrSettings;
  now(): Date;
  /** `tpx_pcr_recomputes_total{trigger}` (counts attempts: a transaction may still roll back). */
  recomputes?: Counter<"trigger">;
}
