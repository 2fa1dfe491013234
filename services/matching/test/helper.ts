import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type CloudEvent, createEnvelope, type EventContract, subjectFor } from "@tpx/contracts";
import { closeOnTeardown, createTestService, type TestService } from "@tpx/testing";
import { buildApp, createDeps } from "../src/app.ts";
import { type Config, configSpec } from "../src/config.ts";
import { addConsumers } from "../src/consumers/index.ts";
import { createDb, type Db, disconnectDb, type Tx } from "../src/db.ts";
import type { MatchingDeps } from "../src/deps.ts";
import { recordProfile, recordStatus } from "../src/repositories/partner-read-model.ts";

export const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

type Teardown = Parameters<typeof createTestService>[0];

export interface MatchingTest {
  service: TestService<Tx, Db, typeof configSpec.variables>;
  deps: MatchingDeps;
  app: ReturnType<typeof buildApp>;
  /** Publishes an event the way its producer's outbox relay would (envelope, msgID = event id). */
  publish<T>(contract: EventContract<T>, data: T): Promise<CloudEvent<unknown>>;
}

/** A matching service on its own database and namespace; consumers run only when `background` is set. */
export async function startMatching(
  t: Teardown,
  options: { background?: boolean; env?: Record<string, string> } = {},
): Promise<MatchingTest> {
  const service = await createTestService<Tx, Db, typeof configSpec.variables>(t, {
    service: "matching",
    migrationsDir,
    createDb,
    disconnectDb,
    configSpec,
    env: { MATCH_TOP_N: "3", ...options.env },
    retry: { backoffMs: [100], ackWaitMs: 5_000 },
  });
  const deps = createDeps(service.platform, service.config as Config);
  if (options.background) {
    addConsumers(service.platform.consumers);
    await service.startBackground();
  }
  const app = closeOnTeardown(t, buildApp(service.platform, deps));
  return {
    service,
    deps,
    app,
    async publish(contract, data) {
      const envelope = createEnvelope({
        source: `tpx/${contract.producer}`,
        type: contract.type,
        dataschema: contract.dataschema,
        data: contract.encode(data),
      });
      const subject = subjectFor(service.namespace, contract.type, contract.version);
      await service.platform.js.publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
      return envelope;
    },
  };
}

export interface SeedPartner {
  id?: string;
  status?: string;
  focusAreas: string[];
  revenueTiers?: string[];
  serviceRegions?: string[];
  capabilities?: string[];
}

/** Puts a partner straight into the read model (what the consumers do), for tests about matching and leads. */
export async function seedPartner(deps: MatchingDeps, partner: SeedPartner): Promise<string> {
  const id = partner.id ?? randomUUID();
  await deps.db.$transaction(async (tx) => {
    await recordProfile(tx, {
      partnerId: id,
      slug: `partner-${id.slice(0, 8)}`,
      companyName: `Partner ${id.slice(0, 8)}`,
      focusAreas: partner.focusAreas,
      revenueTiers: partner.revenueTiers ?? [],
      serviceRegions: partner.serviceRegions ?? [],
      capabilities: partner.capabilities ?? [],
      at: new Date(),
    });
    await recordStatus(tx, { partnerId: id, status: partner.status ?? "active", at: new Date() });
  });
  return id;
}

export const contractorProfile = {
  companyName: "Lone Star Roofing",
  revenueTier: "1m-5m",
  state: "TX",
  focusAreas: ["marketing", "operations"],
  goals: ["Double revenue in 3 years"],
  capabilitiesNeeded: ["crm"],
  contactName: "Dana Ruiz",
  contactEmail: "dana@lonestar.example",
};

/** Event types written to the outbox, oldest first. */
export async function outboxTypes(deps: MatchingDeps): Promise<string[]> {
  const rows = await deps.db.outboxEvent.findMany({
    orderBy: [{ createdAt: "asc" }, { seq: "asc" }],
    select: { type: true },
  });
  return rows.map((row) => row.type);
}
