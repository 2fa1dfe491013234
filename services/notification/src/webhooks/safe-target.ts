import { type LookupAddress, lookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { isBlockedAddress } from "../domain/blocked-addresses.ts";

export class BlockedTargetError extends Error {
  override name = "BlockedTargetError";
}

/** The host of a URL as a bare name or address (IPv6 literals lose their brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * A DNS lookup that refuses names resolving to internal addresses. The socket connects to the very address checked
 * here, so a name cannot pass the check and then resolve elsewhere for the connection (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      const list = (addresses ?? []) as LookupAddress[];
      if (error) return callback(error, "", 4);
      const blocked = list.find((entry) => isBlockedAddress(entry.address));
      if (!allowPrivate && blocked) {
        return callback(
          new BlockedTargetError(`${hostname} resolves to ${blocked.address}, an internal address`),
          "",
          4,
        );
      }
      if (list.length === 0) return callback(new Error(`${hostname} has no address`), "", 4);
      if ((options as { all?: boolean }).all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Resolves a webhook URL the way a delivery will and throws `BlockedTargetError` when it must not be called. */
export async function checkWebhookTarget(url: URL, allowPrivate: boolean): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedTargetError("only http and https URLs");
  if (url.username || url.password) throw new BlockedTargetError("credentials in the URL are not allowed");
  if (allowPrivate) return;
  const host = hostOf(url);
  if (isIP(host)) {
    if (isBlockedAddress(host)) throw new BlockedTargetError(`${host} is an internal address`);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    guardedLookup(false)(host, { all: true }, (error) => (error ? reject(error) : resolve()));
  });
}
