import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { closeOnTeardown, createTestService, type TestAuth } from "@tpx/testing";
import { buildApp } from "../src/app.ts";
import { configSpec } from "../src/config.ts";
import { createDb, type Db, disconnectDb, type Tx } from "../src/db.ts";
import type { SurveyDeps } from "../src/deps.ts";
import { seedDefaultTemplates } from "../src/usecases/default-templates.ts";
import { recordPartnerProfile, recordPartnerReferences, recordPartnerStatus } from "../src/usecases/record-partner.ts";

export const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

type Teardown = Parameters<typeof createTestService>[0];

/** A survey service on its own database and namespace, real Redis, default templates seeded, app not listening. */
export async function startSurvey(
  t: Teardown,
  options: { env?: Record<string, string>; namespace?: string; auth?: TestAuth } = {},
) {
  const service = await createTestService<Tx, Db, typeof configSpec.variables>(
    t,
    {
      service: "survey",
      migrationsDir,
      createDb,
      disconnectDb,
      configSpec,
      useRedis: true,
      env: { PUBLIC_BASE_URL: "https://tpx.example", ...options.env },
      ...(options.namespace ? { namespace: options.namespace } : {}),
    },
    options.auth,
  );
  const { platform } = service;
  const deps: SurveyDeps = {
    db: platform.db,
    outbox: platform.outbox,
    config: service.config,
    logger: platform.logger,
    redis: platform.redis,
  };
  await seedDefaultTemplates(platform.db);
  const app = closeOnTeardown(t, buildApp(platform, deps));
  return { ...service, deps, app, db: platform.db };
}

export interface TestReference {
  id: string;
  name: string;
  email: string;
  phone?: string;
}

function references(prefix: string, count: number, withPhone: number) {
  return Array.from({ length: count }, (_, index) => ({
    referenceId: `${prefix}-${randomUUID()}`,
    name: `${prefix} person ${index + 1}`,
    company: "Acme",
    email: `${prefix}${index + 1}@example.com`,
    ...(index < withPhone ? { phone: `+1555000${String(index).padStart(4, "0")}` } : {}),
  }));
}

/** Puts a partner with 5 customer and 5 employee references (the first `withPhone` of each with a phone). */
export async function seedPartner(
  db: Db,
  options: { status?: number; withPhone?: number; companyName?: string } = {},
): Promise<string> {
  const partnerId = randomUUID();
  const withPhone = options.withPhone ?? 2;
  await db.$transaction(async (tx) => {
    await recordPartnerProfile(tx, {
      id: partnerId,
      companyName: options.companyName ?? "Acme Roofing",
      slug: `acme-${partnerId.slice(0, 8)}`,
    });
    await recordPartnerStatus(tx, { partnerId, status: options.status ?? 4, changedAt: new Date() });
    await recordPartnerReferences(tx, partnerId, [
      ...references("customer", 5, withPhone).map((reference) => ({
        audience: "CUSTOMER" as const,
        reference: { $typeName: "tpx.events.v1.PartnerReference" as const, ...reference },
      })),
      ...references("employee", 5, withPhone).map((reference) => ({
        audience: "EMPLOYEE" as const,
        reference: { $typeName: "tpx.events.v1.PartnerReference" as const, ...reference },
      })),
    ]);
  });
  return partnerId;
}

/** Payloads (`data`) of the outbox events of one type, oldest first. */
export async function outboxData(db: Db, type: string): Promise<Record<string, unknown>[]> {
  const rows = await db.outboxEvent.findMany({ where: { type }, orderBy: [{ createdAt: "asc" }, { seq: "asc" }] });
  return rows.map((row) => (row.payload as { data: Record<string, unknown> }).data);
}

/** The plain tokens of a campaign's invitations (taken from the survey URLs the notification service would get). */
export async function invitationTokens(db: Db, campaignId?: string): Promise<string[]> {
  const invitations = await outboxData(db, "survey.invitation.requested");
  return invitations
    .filter((data) => data.channel === "CHANNEL_EMAIL" && (!campaignId || data.campaignId === campaignId))
    .map((data) => String(data.surveyUrl).split("/s/")[1] ?? "");
}
