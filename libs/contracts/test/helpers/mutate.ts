import type { EventContract } from "../../src/contract.ts";
import { fixtureData } from "./fixtures.ts";

/** Marks a path to delete (an object key, or an array element) in `changed`. */
export const REMOVE = Symbol("remove");

/**
 * A fixture's `data` with some paths changed, e.g. `{ "answers.0.numericValue": 11, partnerId: REMOVE }`.
 * Tests start from a valid payload and break exactly one thing, so a rejection proves that rule.
 */
export function changed(
  contract: Pick<EventContract, "type" | "version">,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const data = fixtureData(contract);
  for (const [path, value] of Object.entries(changes)) setPath(data, path.split("."), value);
  return data;
}

function setPath(target: unknown, keys: string[], value: unknown): void {
  const [key, ...rest] = keys;
  if (key === undefined) throw new Error("empty path");
  const container = target as Record<string, unknown>;
  if (!(key in container)) {
    if (rest.length > 0 || value === REMOVE) throw new Error(`fixture has no ${key}`);
  }
  if (rest.length > 0) {
    setPath(container[key], rest, value);
    return;
  }
  if (value !== REMOVE) container[key] = value;
  else if (Array.isArray(target)) target.splice(Number(key), 1);
  else delete container[key];
}

/** What `t.throws` should see from a contract's `decode`. */
export function decodeError(message: RegExp): { name: string; message: RegExp } {
  return { name: "EventDecodeError", message };
}
