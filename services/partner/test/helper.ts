import path from "node:path";
import { createEnvelope, type EventContract, subjectFor } from "@tpx/contracts";
import { closeOnTeardown, createTestService, type TeardownRegistry } from "@tpx/testing";
import { buildApp, type ServicePlatform } from "../src/app.ts";
import { configSpec } from "../src/config.ts";
import { registerConsumers } from "../src/consumers/index.ts";
import { createDb, disconnectDb } from "../src/db.ts";

export const migrationsDir = path.resolve(import.meta.dirname, "../prisma/migrations");

export interface InjectResult {
  statusCode: number;
  headers: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field and assert on them
  json<T = any>(): T;
}

/** The partner service on its own database and namespace; `consumers: true` runs the relay and consumers too. */
export async function startPartner(t: TeardownRegistry, options: { consumers?: boolean } = {}) {
  const service = await createTestService(t, {
    service: "partner",
    migrationsDir,
    createDb,
    disconnectDb,
    configSpec,
  });
  // createTestService infers the generic executor type; the platform is the partner service's own.
  const platform = service.platform as unknown as ServicePlatform;
  if (options.consumers) {
    registerConsumers(platform);
    await service.startBackground();
  }
  const app = closeOnTeardown(t, buildApp(platform));
  const db = platform.db;
  const adminHeaders = await service.auth.headers({ role: "admin" });

  const call = async (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    (await app.inject({
      method: method as "GET",
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })) as unknown as InjectResult;

  return {
    service,
    app,
    db,
    adminHeaders,
    call,
    admin: (method: string, url: string, payload?: unknown) => call(method, url, adminHeaders, payload),
    /** A partner user owning a new draft partner (created by an admin for the test, then owned by that user). */
    async partnerUser(companyName = "Acme Roofing") {
      const created = await call("POST", "/admin/partners", adminHeaders, { companyName });
      const id = created.json().id as string;
      const userId = crypto.randomUUID();
      await db.partner.update({ where: { id }, data: { ownerUserId: userId } });
      const headers = await service.auth.headers({ role: "partner", userId, partnerId: id });
      return { id, userId, headers, slug: created.json().slug as string };
    },
    /** Outbox rows of one event type, payload data decoded as JSON. */
    async outbox(type: string) {
      const rows = await db.outboxEvent.findMany({ where: { type }, orderBy: [{ createdAt: "asc" }, { seq: "asc" }] });
      // biome-ignore lint/suspicious/noExplicitAny: event payloads are asserted on field by field
      return rows.map((row) => (row.payload as { data: any }).data);
    },
    /** Publishes an event of another service straight into this namespace's stream, as its relay would. */
    async publish<T>(contract: EventContract<T>, data: T) {
      const envelope = createEnvelope({
        source: `tpx/${contract.producer}`,
        type: contract.type,
        dataschema: contract.dataschema,
        data: contract.encode(data),
      });
      await service.platform.js.publish(
        subjectFor(service.namespace, contract.type, contract.version),
        JSON.stringify(envelope),
        { msgID: envelope.id },
      );
      return envelope;
    },
  };
}

export type PartnerHarness = Awaited<ReturnType<typeof startPartner>>;
