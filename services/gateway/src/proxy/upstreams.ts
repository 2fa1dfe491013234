import { Pool } from "undici";
import type { Config } from "../config.ts";

export const PROXIED_SERVICES = ["partner", "survey", "scoring", "matching", "notification"] as const;
export type ProxiedService = (typeof PROXIED_SERVICES)[number];

export function isProxiedService(name: string): name is ProxiedService {
  return (PROXIED_SERVICES as readonly string[]).includes(name);
}

export interface Upstream {
  service: ProxiedService;
  origin: string;
  pool: Pool;
}

/** One keep-alive connection pool per service; a refused or slow connect fails within the connect timeout. */
export function createUpstreams(config: Config): Map<ProxiedService, Upstream> {
  const origins: Record<ProxiedService, string> = {
    partner: config.PARTNER_URL,
    survey: config.SURVEY_URL,
    scoring: config.SCORING_URL,
    matching: config.MATCHING_URL,
    notification: config.NOTIFICATION_URL,
  };
  const upstreams = new Map<ProxiedService, Upstream>();
  for (const service of PROXIED_SERVICES) {
    const origin = new URL(origins[service]).origin;
    const pool = new Pool(origin, {
      connections: config.UPSTREAM_CONNECTIONS,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      connect: { timeout: config.UPSTREAM_CONNECT_TIMEOUT_MS },
      headersTimeout: config.UPSTREAM_TIMEOUT_MS,
      bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
    });
    upstreams.set(service, { service, origin, pool });
  }
  return upstreams;
}

export async function closeUpstreams(upstreams: Map<ProxiedService, Upstream>): Promise<void> {
  await Promise.all([...upstreams.values()].map((upstream) => upstream.pool.close()));
}
