import { randomBytes } from "node:crypto";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { deleteStreams } from "@tpx/messaging";
import type { TeardownRegistry } from "./database.ts";

/** The machine's shared NATS server; tests on it must stay inside their own namespace. */
export const SHARED_NATS_URL = process.env.NATS_URL ?? "nats://127.0.0.1:4222";

export interface TestNamespaceOptions {
  /** Server whose streams of this namespace are deleted on teardown (default: the shared one). */
  natsUrl?: string;
}

/**
 * A fresh event namespace (`t_<12 random chars>`, valid for subjects and stream names) so parallel test files on one
 * NATS server never see each other's streams or consumers. Its streams are deleted on teardown; a server that is
 * already gone (a private one stopped first) is not an error.
 */
export function testNamespace(t: TeardownRegistry, options: TestNamespaceOptions = {}): string {
  const ns = `t_${randomBytes(8).toString("hex").slice(0, 12)}`;
  const url = options.natsUrl ?? SHARED_NATS_URL;
  t.teardown(async () => {
    const nc = await connect({ servers: url, reconnect: false, timeout: 2_000 }).catch(() => undefined);
    if (!nc) return;
    try {
      await deleteStreams(await jetstreamManager(nc), ns);
    } finally {
      await nc.close();
    }
  });
  return ns;
}
