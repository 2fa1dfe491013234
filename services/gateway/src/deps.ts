import type { Outbox } from "@tpx/messaging";
import type { Logger } from "@tpx/observability";
import type { Config } from "./config.ts";
import type { Db } from "./db.ts";
import type { AccessTokens } from "./security/access-tokens.ts";
import type { PasswordHasher } from "./security/password-hasher.ts";
import type { Revocations } from "./security/revocations.ts";
import type { SigningKeyring } from "./security/signing-keys.ts";

/** What the gateway's use cases work with. */
export interface GatewayDeps {
  config: Config;
  db: Db;
  outbox: Outbox;
  logger: Logger;
  hasher: PasswordHasher;
  keyring: SigningKeyring;
  tokens: AccessTokens;
  revocations: Revocations;
}
