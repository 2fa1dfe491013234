import { SERVICE_NAMES, type ServiceName } from "./services.ts";

/**
 * Where the services find each other on this machine: the gateway reaches each service on its port, every service
 * verifies access tokens with the gateway's keys, and links in pages and messages point at the gateway. Without
 * these a run on other ports (PORT_BASE) would talk to the default ones, and no service could check a token.
 * A variable the developer set keeps its value.
 */
export function serviceWiring(
  service: ServiceName,
  ports: Record<ServiceName, number>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const wiring: Record<string, string> = {
    PUBLIC_BASE_URL: `http://localhost:${ports.gateway}`,
  };
  if (env.AUTH_JWKS === undefined) wiring.AUTH_JWKS_URL = `${gateway}/.well-known/jwks.json`;
  if (service === "gateway") {
    for (const upstream of SERVICE_NAMES.filter((name) => name !== "gateway")) {
      wiring[`${upstream.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[upstream]}`;
    }
  }
  return Object.fromEntries(Object.entries(wiring).filter(([name]) => env[name] === undefined));
}
