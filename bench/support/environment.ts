import { fileURLToPath } from "node:url";
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ensureStreams } from "@tpx/messaging";
import { createTestDatabase, SHARED_NATS_URL, testNamespace } from "@tpx/testing";

/** Collects cleanups the way a tap test would, and runs them last-in first-out. */
export class Cleanup {
  private readonly steps: (() => unknown)[] = [];

  teardown(fn: () => unknown): void {
    this.steps.push(fn);
  }

  async run(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (error) {
        console.error("cleanup step failed:", (error as Error).message);
      }
    }
  }
}

export interface BenchEnvironment {
  ns: string;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** A database migrated like the partner service's (the producer side). */
  producerUrl: string;
  /** A database migrated like the survey service's (the consumer side). */
  consumerUrl: string;
}

const migrations = (service: string) =>
  fileURLToPath(new URL(`../../services/${service}/prisma/migrations`, import.meta.url));

/** Throwaway databases and a private stream namespace on the machine's NATS, removed by `cleanup.run()`. */
export async function openBenchEnvironment(cleanup: Cleanup): Promise<BenchEnvironment> {
  const producer = await createTestDatabase(cleanup, { migrationsDir: migrations("partner"), name: "bench_partner" });
  const consumer = await createTestDatabase(cleanup, { migrationsDir: migrations("survey"), name: "bench_survey" });
  const ns = testNamespace(cleanup);
  const nc = await connect({ servers: SHARED_NATS_URL });
  cleanup.teardown(() => nc.close());
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, ns);
  return { ns, nc, js: jetstream(nc), jsm, producerUrl: producer.url, consumerUrl: consumer.url };
}
