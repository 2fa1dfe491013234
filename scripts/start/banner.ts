import type { LogOutput } from "./log-output.ts";
import { SERVICE_NAMES, type ServiceName } from "./services.ts";

/** The "it is up, go here" block printed once every service is ready. */
export function printBanner(ports: Record<ServiceName, number>, startupMs: number, output: LogOutput): void {
  const base = (service: ServiceName) => `http://localhost:${ports[service]}`;
  output.info(`TPX is ready in ${(startupMs / 1000).toFixed(1)} s: ${base("gateway")}`, {
    gateway: base("gateway"),
    startupMs: Math.round(startupMs),
    ports,
  });
  const lines = [
    `  services: ${SERVICE_NAMES.map((service) => `${service} ${base(service)}`).join(", ")}`,
    "  each service: /healthz (alive), /readyz (database, NATS, Redis), /metrics (Prometheus), /admin/dead-letters",
    "  Ctrl-C stops the services, then whatever npm start started (PostgreSQL, nats-server, redis-server)",
  ];
  for (const line of lines) output.info(line);
}
