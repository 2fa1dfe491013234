import type { Principal } from "@tpx/service-kit";
import { UnauthorizedError } from "@tpx/service-kit";
import type { Db } from "../db.ts";
import { apiKeyHashMatches, parseApiKey } from "../domain/api-key-format.ts";
import type { AccessTokens } from "./access-tokens.ts";

interface CachedKey {
  principal: Principal;
  keyHash: string;
  expiresAt: Date | null;
  loadedAt: number;
  /** The short-lived JWT forwarded to services for this key, reused until shortly before it expires. */
  token?: { value: string; until: number };
}

/** A key looked up this recently is not looked up again; revocation on another replica takes at most this long. */
const CACHE_MS = 5_000;
const FORWARD_TOKEN_TTL_SECONDS = 60;
const LAST_USED_EVERY_MS = 60_000;

/**
 * Turns `Authorization: Bearer tpk_...` into a principal (the key's partner, role partner, its scopes) and, for
 * forwarding, into a short-lived gateway JWT: services only ever verify gateway tokens.
 */
export class ApiKeyAuthenticator {
  private readonly db: Db;
  private readonly tokens: AccessTokens;
  private readonly cache = new Map<string, CachedKey>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(db: Db, tokens: AccessTokens) {
    this.db = db;
    this.tokens = tokens;
  }

  async authenticate(candidate: string): Promise<{ principal: Principal; keyId: string }> {
    const parsed = parseApiKey(candidate);
    if (!parsed) throw new UnauthorizedError("The API key is malformed.");
    const now = Date.now();
    let entry = this.cache.get(parsed.id);
    if (!entry || now - entry.loadedAt > CACHE_MS) {
      entry = await this.load(parsed.id, now);
    }
    if (
      !entry ||
      !apiKeyHashMatches(candidate, entry.keyHash) ||
      (entry.expiresAt && entry.expiresAt.getTime() <= now)
    ) {
      throw new UnauthorizedError("The API key is invalid, expired or revoked.");
    }
    this.touch(parsed.id, now);
    return { principal: entry.principal, keyId: parsed.id };
  }

  private async load(id: string, now: number): Promise<CachedKey | undefined> {
    const row = await this.db.apiKey.findUnique({ where: { id } });
    if (!row || row.revokedAt) {
      this.cache.delete(id);
      return undefined;
    }
    const entry: CachedKey = {
      principal: { userId: row.createdBy, role: "partner", partnerId: row.partnerId, scopes: row.scopes },
      keyHash: row.keyHash,
      expiresAt: row.expiresAt,
      loadedAt: now,
    };
    this.cache.set(id, entry);
    return entry;
  }

  /** Drops a key from this replica's cache at once (after a revoke here). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  async forwardToken(keyId: string, principal: Principal): Promise<string> {
    const entry = this.cache.get(keyId);
    const now = Date.now();
    if (entry?.token && entry.token.until > now) return entry.token.value;
    const value = await this.tokens.sign(
      {
        userId: principal.userId,
        role: "partner",
        partnerId: principal.partnerId,
        scopes: principal.scopes,
        apiKeyId: keyId,
      },
      FORWARD_TOKEN_TTL_SECONDS,
    );
    if (entry) entry.token = { value, until: now + (FORWARD_TOKEN_TTL_SECONDS - 15) * 1000 };
    return value;
  }

  private touch(id: string, now: number): void {
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(id, now);
    this.db.apiKey.update({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
  }
}
