import { isWebhookable } from "./event-filter.ts";

/**
 * Which subscription patterns make sense given the event types that exist: "*", an existing type, or "<prefix>.*"
 * where some existing type starts with the prefix. Returns the patterns that do not.
 */
export function unknownPatterns(patterns: readonly string[], knownTypes: readonly string[]): string[] {
  const types = knownTypes.filter(isWebhookable);
  return patterns.filter((pattern) => {
    if (pattern === "*") return false;
    if (pattern.endsWith(".*")) return !types.some((type) => type.startsWith(pattern.slice(0, -1)));
    return !types.includes(pattern);
  });
}
