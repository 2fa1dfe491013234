import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { LocalServerSpec } from "./local-server.ts";

/** NATS with JetStream, its streams kept in <data dir>/nats so events survive a restart of `npm start`. */
export function natsServerSpec(url: string, dataDir: string): LocalServerSpec {
  const storeDir = path.join(dataDir, "nats");
  return {
    label: "NATS",
    url,
    urlVariable: "NATS_URL",
    defaultPort: 4222,
    executable: "nats-server",
    installHint:
      "apt-get install nats-server, brew install nats-server, or a release from github.com/nats-io/nats-server",
    args: (host, port) => ["-a", host, "-p", String(port), "-js", "-sd", storeDir],
    prepare: async () => {
      await mkdir(storeDir, { recursive: true });
    },
  };
}
