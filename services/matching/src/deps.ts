import type { Outbox } from "@tpx/messaging";
import type { Db } from "./db.ts";
import type { PartnerIndexSync } from "./matcher/index-sync.ts";

/** What the use cases need: the database, the outbox, the in-memory partner index and the top-N settings. */
export interface MatchingDeps {
  db: Db;
  outbox: Outbox;
  partners: PartnerIndexSync;
  topN: { default: number; max: number };
}
