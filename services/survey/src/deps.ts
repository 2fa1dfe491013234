import type { Outbox } from "@tpx/messaging";
import type { Logger } from "@tpx/observability";
import type { Redis } from "ioredis";
import type { Config } from "./config.ts";
import type { Db } from "./db.ts";

/** What use cases need; routes, consumers and jobs all pass the same object. */
export interface SurveyDeps {
  db: Db;
  outbox: Outbox;
  config: Config;
  logger: Logger;
  redis: Redis | undefined;
}
