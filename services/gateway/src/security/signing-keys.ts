import { randomUUID } from "node:crypto";
import type { Logger } from "@tpx/observability";
import { ACCESS_TOKEN_ALGORITHM } from "@tpx/service-kit";
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type JWTVerifyGetKey } from "jose";
import type { Db } from "../db.ts";
import type { SecretBox } from "./secret-box.ts";

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  privateKey: SigningKey;
  createdAt: Date;
}

export interface KeyringOptions {
  db: Db;
  box: SecretBox;
  rotationHours: number;
  /** Retired keys stay published this long, so tokens they signed keep verifying until they expire. */
  accessTokenTtlSeconds: number;
  logger: Logger;
}

/** Serialises key rotation across gateway replicas. */
const ROTATION_LOCK_KEY = 7_208_001;

/**
 * The Ed25519 keys that sign access tokens, shared by every gateway replica through the database. The newest key
 * signs; a key older than the rotation period is replaced, and retired keys stay in the JWKS for a token lifetime
 * plus a margin (services cache the JWKS for up to 10 minutes).
 */
export class SigningKeyring {
  private readonly options: KeyringOptions;
  private keys: LoadedKey[] = [];
  private jwkSet: JWTVerifyGetKey | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: KeyringOptions) {
    this.options = options;
  }

  private get publishWindowMs(): number {
    return (this.options.accessTokenTtlSeconds + 15 * 60) * 1000;
  }

  /** Rotates when due, then loads every key still published. */
  async refresh(now = new Date()): Promise<void> {
    await this.rotateIfDue(now);
    const rows = await this.options.db.signingKey.findMany({
      where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date(now.getTime() - this.publishWindowMs) } }] },
      orderBy: { createdAt: "desc" },
    });
    this.keys = await Promise.all(
      rows.map(async (row) => ({
        kid: row.kid,
        publicJwk: row.publicJwk as JWK,
        privateKey: await importJWK(
          JSON.parse(this.options.box.open(row.encryptedPrivate)) as JWK,
          ACCESS_TOKEN_ALGORITHM,
        ),
        createdAt: row.createdAt,
      })),
    );
    this.jwkSet = createLocalJWKSet(this.jwks());
  }

  private async rotateIfDue(now: Date): Promise<void> {
    const dueBefore = new Date(now.getTime() - this.options.rotationHours * 3_600_000);
    const newest = await this.options.db.signingKey.findFirst({
      where: { retiredAt: null },
      orderBy: { createdAt: "desc" },
    });
    if (newest && newest.createdAt > dueBefore) return;
    const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM, use: "sig" };
    const sealed = this.options.box.seal(JSON.stringify(await exportJWK(privateKey)));
    await this.options.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1)", ROTATION_LOCK_KEY);
      // another replica may have rotated while we waited for the lock
      const current = await tx.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
      if (current && current.createdAt > dueBefore) return;
      await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
      await tx.signingKey.create({ data: { kid, publicJwk, encryptedPrivate: sealed, createdAt: now } });
      this.options.logger.info({ kid }, "token signing key rotated");
    });
  }

  /** The signing key: the newest one. */
  current(): { kid: string; privateKey: SigningKey } {
    const key = this.keys[0];
    if (!key) throw new Error("the keyring has not been loaded");
    return key;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** Key lookup for jwtVerify; an unknown kid (another replica just rotated) reloads once. */
  readonly keyLookup: JWTVerifyGetKey = async (header, token) => {
    if (!this.jwkSet) throw new Error("the keyring has not been loaded");
    if (header.kid && !this.keys.some((key) => key.kid === header.kid)) await this.refresh();
    return this.jwkSet(header, token);
  };

  /** Re-checks rotation every few minutes. */
  start(intervalMs = 5 * 60_000): void {
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.options.logger.error({ err: error }, "keyring refresh failed"));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }
}
