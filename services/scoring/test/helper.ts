import { randomUUID } from "node:crypto";
import type { JetStreamClient } from "@nats-io/jetstream";
import {
  Audience,
  createEnvelope,
  type EventContract,
  PartnerStatus,
  PaymentTier,
  partnerOnboardingCompletedV1,
  partnerStatusChangedV1,
  partnerTierChangedV1,
  QuestionType,
  responseRecordedV1,
  subjectFor,
  timestampFromDate,
} from "@tpx/contracts";
import { closeOnTeardown, createTestService, type TeardownRegistry } from "@tpx/testing";
import { buildApp } from "../src/app.ts";
import { type Config, configSpec } from "../src/config.ts";
import { registerConsumers } from "../src/consumers/index.ts";
import { createDb, type Db, disconnectDb, type Tx } from "../src/db.ts";
import { createScoringDeps } from "../src/usecases/create-deps.ts";

const migrationsDir = new URL("../prisma/migrations", import.meta.url).pathname;

/** A scoring service on its own database, consumers registered, app built (no port). */
export async function startScoring(t: TeardownRegistry, options: { namespace?: string } = {}) {
  const service = await createTestService<Tx, Db, typeof configSpec.variables>(t, {
    service: "scoring",
    migrationsDir,
    createDb,
    disconnectDb,
    configSpec,
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
  const deps = createScoringDeps(service.platform, service.config as Config);
  registerConsumers(service.platform, deps);
  const app = closeOnTeardown(t, buildApp(service.platform, deps));
  return { ...service, deps, app, db: service.platform.db };
}

/** Publishes an event as its producer would (envelope, Nats-Msg-Id = event id). */
export async function publish<T>(
  js: JetStreamClient,
  namespace: string,
  contract: EventContract<T>,
  data: T,
  id: string = randomUUID(),
): Promise<string> {
  const envelope = createEnvelope({
    id,
    source: `tpx/${contract.producer}`,
    type: contract.type,
    dataschema: contract.dataschema,
    data: contract.encode(data),
  });
  await js.publish(subjectFor(namespace, contract.type, contract.version), JSON.stringify(envelope), { msgID: id });
  return id;
}

/** A response whose rated answers are `ratings` on the 0–10 scale, plus an NPS answer when given. */
export function response(
  partnerId: string,
  quarter: string,
  ratings: number[],
  extra: { nps?: number; comment?: string; audience?: "customer" | "employee"; responseId?: string } = {},
) {
  return responseRecordedV1.create({
    responseId: extra.responseId ?? randomUUID(),
    campaignId: randomUUID(),
    partnerId,
    quarter,
    audience: extra.audience === "employee" ? Audience.EMPLOYEE : Audience.CUSTOMER,
    templateId: "powercard",
    templateVersion: 1,
    answers: [
      ...ratings.map((value, index) => ({
        questionId: `q${index}`,
        category: index % 2 === 0 ? "communication" : "quality",
        type: QuestionType.RATING,
        numericValue: value,
        scaleMin: 0,
        scaleMax: 10,
      })),
      ...(extra.nps === undefined
        ? []
        : [
            {
              questionId: "nps",
              category: "loyalty",
              type: QuestionType.NPS,
              numericValue: extra.nps,
              scaleMin: 0,
              scaleMax: 10,
            },
          ]),
    ],
    consentToPublish: false,
    ...(extra.comment ? { comment: extra.comment } : {}),
    submittedAt: timestampFromDate(new Date()),
  });
}

export const TIERS = { FREE: PaymentTier.FREE, VERIFIED: PaymentTier.VERIFIED, GOLD: PaymentTier.GOLD } as const;

const references = (kind: string) =>
  Array.from({ length: 5 }, (_, index) => ({
    referenceId: randomUUID(),
    name: `${kind} ${index}`,
    company: "Builder Co",
    email: `${kind}${index}@example.com`,
  }));

export function onboarded(
  partnerId: string,
  tier: keyof typeof TIERS,
  profile: number,
  focusAreas: string[],
  at: Date,
) {
  return partnerOnboardingCompletedV1.create({
    partnerId,
    slug: `p-${partnerId.slice(0, 8)}`,
    companyName: "Acme",
    paymentTier: TIERS[tier],
    profileCompletion: profile,
    focusAreas,
    customerReferences: references("customer"),
    employeeReferences: references("employee"),
    completedAt: timestampFromDate(at),
  });
}

export function tierChanged(partnerId: string, from: keyof typeof TIERS, to: keyof typeof TIERS, at: Date) {
  return partnerTierChangedV1.create({
    partnerId,
    previousTier: TIERS[from],
    tier: TIERS[to],
    changedAt: timestampFromDate(at),
  });
}

export function activated(partnerId: string, at: Date) {
  return partnerStatusChangedV1.create({
    partnerId,
    previousStatus: PartnerStatus.APPROVED,
    status: PartnerStatus.ACTIVE,
    changedAt: timestampFromDate(at),
  });
}
