import { createHash, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { encodeBase62, randomBase62 } from "./base62.ts";

/**
 * Partner API keys look like `tpk_<id>_<secret><checksum>`: a recognisable prefix (secret scanners and people can
 * tell what leaked), a public id to look the key up by, 43 base62 characters (256 bits) of secret and a 6-character
 * base62 CRC32 of everything before it, so a typo or a made-up key is refused without a database lookup.
 */
export const API_KEY_PREFIX = "tpk";
const ID_LENGTH = 12;
const SECRET_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
const PATTERN = new RegExp(
  `^${API_KEY_PREFIX}_([0-9A-Za-z]{${ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH + CHECKSUM_LENGTH}})$`,
);

export interface GeneratedApiKey {
  id: string;
  /** The whole key, shown to the user once. */
  key: string;
  /** What lists show: `tpk_<id>`. */
  displayPrefix: string;
  hash: string;
}

function checksum(body: string): string {
  return encodeBase62(crc32(body), CHECKSUM_LENGTH);
}

export function generateApiKey(): GeneratedApiKey {
  const id = randomBase62(ID_LENGTH);
  const body = `${API_KEY_PREFIX}_${id}_${randomBase62(SECRET_LENGTH)}`;
  const key = `${body}${checksum(body)}`;
  return { id, key, displayPrefix: `${API_KEY_PREFIX}_${id}`, hash: hashApiKey(key) };
}

/** The key id when the string has the shape and a valid checksum; undefined otherwise. */
export function parseApiKey(candidate: string): { id: string } | undefined {
  const match = PATTERN.exec(candidate);
  if (!match?.[1] || !match[2]) return undefined;
  const body = candidate.slice(0, -CHECKSUM_LENGTH);
  if (checksum(body) !== candidate.slice(-CHECKSUM_LENGTH)) return undefined;
  return { id: match[1] };
}

export function looksLikeApiKey(candidate: string): boolean {
  return candidate.startsWith(`${API_KEY_PREFIX}_`);
}

/** SHA-256 is enough for 256-bit random secrets: nothing to brute-force, and no slow KDF on every request. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function apiKeyHashMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
