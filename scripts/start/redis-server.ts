import type { LocalServerSpec } from "./local-server.ts";

/** Redis holds only rate-limit counters and locks here: no persistence, nothing left on disk. */
export function redisServerSpec(url: string): LocalServerSpec {
  return {
    label: "Redis",
    url,
    urlVariable: "REDIS_URL",
    defaultPort: 6379,
    executable: "redis-server",
    installHint: "apt-get install redis-server, or brew install redis",
    args: (host, port) => ["--bind", host, "--port", String(port), "--save", "", "--appendonly", "no"],
  };
}
