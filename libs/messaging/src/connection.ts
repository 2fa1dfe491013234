import { connect, type NatsConnection } from "@nats-io/transport-node";
import type { Logger } from "@tpx/observability";

export interface NatsSettings {
  url: string;
  name: string;
  logger: Logger;
}

/** Connects and keeps reconnecting forever: a NATS outage must never end the process (the outbox holds). */
export async function connectNats(settings: NatsSettings): Promise<NatsConnection> {
  const nc = await connect({
    servers: settings.url.split(",").map((server) => server.trim()),
    name: settings.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
  });
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === "ping") continue;
      settings.logger.info({ nats: status.type }, "nats status changed");
    }
  })();
  return nc;
}

/** Readiness: connected and the server answers a round trip. */
export async function checkNats(nc: NatsConnection): Promise<void> {
  if (nc.isClosed() || nc.isDraining()) throw new Error("nats connection closed");
  await nc.flush();
}
