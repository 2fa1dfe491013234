import path from "node:path";
// Types only: loading @tpx/contracts (generated code) costs the runner about a second.
import type { ServiceName } from "@tpx/contracts";

export type { ServiceName };

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/**
 * Each service's port is PORT_BASE plus its offset. With the default base (8080) these are the ports the services'
 * own configurations default to, so a service started by hand lands where the runner would put it.
 */
export const PORT_OFFSETS: Record<ServiceName, number> = {
  gateway: 0,
  partner: 1,
  survey: 2,
  scoring: 3,
  matching: 4,
  notification: 5,
};

/** Every service, in port order; the Record type above makes a service missing from it a type error. */
export const SERVICE_NAMES = Object.keys(PORT_OFFSETS) as ServiceName[];

/** `PARTNER` for partner: the prefix of the per-service override variables (`PARTNER_PORT`, `PARTNER_DATABASE_URL`). */
export function envPrefix(service: ServiceName): string {
  return service.toUpperCase();
}

export function serviceDir(service: ServiceName): string {
  return path.join(repoRoot, "services", service);
}

export function serviceEntry(service: ServiceName): string {
  return path.join(serviceDir(service), "src", "main.ts");
}
