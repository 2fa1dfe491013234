import type { Outbox } from "@tpx/messaging";
import type { Db } from "../../db.ts";

/** What use cases need from the platform: the database and the outbox (events commit with the state change). */
export interface Deps {
  db: Db;
  outbox: Outbox;
}
