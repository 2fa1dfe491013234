import { randomBytes } from "node:crypto";
import type { Outbox } from "@tpx/messaging";
import type { Logger } from "@tpx/observability";
import type { Config } from "./config.ts";
import type { Db } from "./db.ts";
import type { Random } from "./domain/backoff.ts";
import { TokenBucket } from "./domain/token-bucket.ts";
import { createProviders, type Providers } from "./providers/index.ts";

/** What the use cases work with; tests build it with their own providers, clock and randomness. */
export interface Deps {
  db: Db;
  outbox: Outbox;
  config: Config;
  logger: Logger;
  providers: Providers;
  limits: { email: TokenBucket; sms: TokenBucket };
  unsubscribeSecret: string;
  now: () => Date;
  random: Random;
}

export function createDeps(
  base: { db: Db; outbox: Outbox; config: Config; logger: Logger },
  overrides: Partial<Pick<Deps, "providers" | "now" | "random">> = {},
): Deps {
  const { config } = base;
  if (config.NODE_ENV === "production" && !config.UNSUBSCRIBE_SECRET) {
    throw new Error("UNSUBSCRIBE_SECRET is required in production");
  }
  if (config.NODE_ENV === "production" && config.WEBHOOK_ALLOW_PRIVATE_TARGETS) {
    throw new Error("WEBHOOK_ALLOW_PRIVATE_TARGETS must be false in production");
  }
  const now = overrides.now ?? (() => new Date());
  return {
    ...base,
    providers: overrides.providers ?? createProviders(config),
    limits: {
      email: new TokenBucket(config.EMAIL_RATE_PER_SECOND, now().getTime()),
      sms: new TokenBucket(config.SMS_RATE_PER_SECOND, now().getTime()),
    },
    // Without a configured key (development) links work until the process restarts.
    unsubscribeSecret: config.UNSUBSCRIBE_SECRET ?? randomBytes(32).toString("hex"),
    now,
    random: overrides.random ?? Math.random,
  };
}
