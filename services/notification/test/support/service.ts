import { fileURLToPath } from "node:url";
import { type CloudEvent, createEnvelope, type EventContract, subjectFor } from "@tpx/contracts";
import type { ConsumerDefinition } from "@tpx/messaging";
import { closeOnTeardown, createTestService, type TestService, type WaitForOptions, waitFor } from "@tpx/testing";
import { buildApp } from "../../src/app.ts";
import { type Config, configSpec } from "../../src/config.ts";
import { createDb, type Db, disconnectDb, type Tx } from "../../src/db.ts";
import { createDeps, type Deps } from "../../src/deps.ts";
import type { Providers } from "../../src/providers/index.ts";

export const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export type Teardown = Parameters<typeof createTestService>[0];

export interface NotificationTest {
  service: TestService<Tx, Db, typeof configSpec.variables>;
  deps: Deps;
  config: Config;
  app: ReturnType<typeof buildApp>;
  /** Publishes an event as its producer would (same envelope, msgID = event id). */
  publish<T>(contract: EventContract<T>, data: T, id?: string): Promise<CloudEvent<unknown>>;
}

/** A notification service on a throwaway database and namespace, with a settable clock and its consumers. */
export async function startNotification(
  t: Teardown,
  options: {
    env?: Record<string, string>;
    providers?: Providers;
    now?: () => Date;
    random?: () => number;
    consumers?: (deps: Deps) => ConsumerDefinition<Tx, never>[];
  } = {},
): Promise<NotificationTest> {
  const service = await createTestService<Tx, Db, typeof configSpec.variables>(t, {
    service: "notification",
    migrationsDir,
    createDb,
    disconnectDb,
    configSpec,
    env: { DISPATCH_INTERVAL_MS: "50", UNSUBSCRIBE_SECRET: "test-secret", ...options.env },
    retry: { backoffMs: [100], ackWaitMs: 5_000 },
  });
  const config = service.config as Config;
  const { platform } = service;
  const deps = createDeps(
    { db: platform.db, outbox: platform.outbox, config, logger: platform.logger },
    {
      ...(options.providers ? { providers: options.providers } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.random ? { random: options.random } : {}),
    },
  );
  for (const consumer of options.consumers?.(deps) ?? []) platform.consumers.add(consumer);
  const app = closeOnTeardown(t, buildApp(platform, deps));
  return {
    service,
    deps,
    config,
    app,
    async publish(contract, data, id) {
      const envelope = createEnvelope({
        source: `tpx/${contract.producer}`,
        type: contract.type,
        dataschema: contract.dataschema,
        data: contract.encode(data),
        ...(id ? { id } : {}),
      });
      await platform.js.publish(
        subjectFor(service.namespace, contract.type, contract.version),
        JSON.stringify(envelope),
        {
          msgID: envelope.id,
        },
      );
      return envelope;
    },
  };
}

/** The events this service wrote to its outbox, oldest first. */
export async function outboxEvents(deps: Deps, type: string): Promise<CloudEvent<Record<string, unknown>>[]> {
  const rows = await deps.db.outboxEvent.findMany({ where: { type }, orderBy: [{ createdAt: "asc" }, { seq: "asc" }] });
  return rows.map((row) => row.payload as unknown as CloudEvent<Record<string, unknown>>);
}

/** A clock a test moves by hand. */
export function manualClock(start: Date) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
    set(date: Date) {
      current = date.getTime();
    },
  };
}

/** `waitFor` with room for a loaded CI machine: consumers on a busy JetStream can take seconds. */
export function eventually<T>(fn: () => T | Promise<T>, options: WaitForOptions = {}) {
  return waitFor(fn, { timeoutMs: 30_000, ...options });
}
