import type { ServiceName } from "./services.ts";

/**
 * Subjects and streams. NEVER RENAME: durable consumers and stored events refer to them.
 *
 * Every event type starts with a domain token owned by exactly one producing service, so each producer's
 * stream can capture its domains with `<ns>.<domain>.>` and no two streams overlap. The namespace (`tpx`
 * in production) lets tests run side by side on one NATS server with their own streams.
 */
export const STREAM_DOMAINS: Record<ServiceName, readonly string[]> = {
  gateway: ["user"],
  partner: ["partner"],
  survey: ["campaign", "survey", "response"],
  scoring: ["pcr", "badge"],
  matching: ["match", "lead", "contractor"],
  notification: ["notification", "webhook"],
};

export const DEFAULT_NAMESPACE = "tpx";

export function assertNamespace(ns: string): string {
  if (!/^[a-z][a-z0-9_]{0,31}$/.test(ns)) throw new Error(`invalid event namespace "${ns}"`);
  return ns;
}

/** `tpx.response.recorded.v1` */
export function subjectFor(ns: string, type: string, version: number): string {
  return `${ns}.${type}.v${version}`;
}

/** Parses a subject back into the event type and version; undefined when it is not one of ours. */
export function parseSubject(ns: string, subject: string): { type: string; version: number } | undefined {
  const prefix = `${ns}.`;
  if (!subject.startsWith(prefix)) return undefined;
  const match = /^(.+)\.v(\d+)$/.exec(subject.slice(prefix.length));
  if (!match?.[1] || !match[2]) return undefined;
  return { type: match[1], version: Number(match[2]) };
}

/** `TPX_SURVEY` */
export function streamName(ns: string, producer: ServiceName): string {
  return `${ns}_${producer}`.toUpperCase();
}

export function streamSubjects(ns: string, producer: ServiceName): string[] {
  return STREAM_DOMAINS[producer].map((domain) => `${ns}.${domain}.>`);
}

/** Durable consumer names carry the owning service as prefix: `scoring__response-recorded-v1`. */
export function durableName(service: ServiceName, type: string, version: number): string {
  return `${service}__${type.replaceAll(".", "-").replaceAll("_", "-")}-v${version}`;
}

/** Stream that keeps JetStream's max-deliveries and terminated advisories for every event stream. */
export function advisoryStreamName(ns: string): string {
  return `${ns}_advisories`.toUpperCase();
}
