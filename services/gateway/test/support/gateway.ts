import { fileURLToPath } from "node:url";
import { createEnvelope, type EventContract, subjectFor } from "@tpx/contracts";
import { createTestService, type TeardownRegistry } from "@tpx/testing";
import { buildApp, createGatewayDeps, createPageCache, type Gateway, type ServicePlatform } from "../../src/app.ts";
import { type Config, configSpec } from "../../src/config.ts";
import { partnerProfileUpdatedConsumer, pcrUpdatedConsumer } from "../../src/consumers/page-invalidation.consumer.ts";
import { partnerRegisteredConsumer } from "../../src/consumers/partner-registered.consumer.ts";
import { createDb, type Db, disconnectDb, type Tx } from "../../src/db.ts";

export const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** A closed port: connecting is refused at once, like a service that is down. */
export const DOWN_URL = "http://127.0.0.1:9";

export interface TestGateway extends Gateway {
  namespace: string;
  platform: ServicePlatform;
  /** Publishes an event the way its producer's relay would. */
  publish<T>(contract: EventContract<T>, data: T): Promise<void>;
}

/**
 * A real gateway on its own database, stream namespace and Redis key prefix; services it talks to are stand-ins
 * (env PARTNER_URL etc.). `namespace` lets two gateway instances share one Redis namespace (rate limits).
 */
export async function startGateway(
  t: TeardownRegistry,
  options: { env?: Record<string, string>; namespace?: string; consumers?: boolean } = {},
): Promise<TestGateway> {
  const service = await createTestService<Tx, Db, typeof configSpec.variables>(t, {
    service: "gateway",
    migrationsDir: MIGRATIONS,
    createDb,
    disconnectDb,
    configSpec,
    useRedis: true,
    env: {
      PARTNER_URL: DOWN_URL,
      SURVEY_URL: DOWN_URL,
      SCORING_URL: DOWN_URL,
      MATCHING_URL: DOWN_URL,
      NOTIFICATION_URL: DOWN_URL,
      PUBLIC_BASE_URL: "https://tpx.example",
      CORS_ORIGINS: "https://portal.tpx.example",
      ...options.env,
    },
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
  const config = service.config as Config;
  const deps = await createGatewayDeps(service.platform, config);
  const pageCache = createPageCache(service.platform, config);
  if (options.consumers) {
    service.platform.consumers.add(partnerRegisteredConsumer);
    service.platform.consumers.add(pcrUpdatedConsumer(pageCache));
    service.platform.consumers.add(partnerProfileUpdatedConsumer(pageCache));
    await service.startBackground();
  }
  const gateway = await buildApp(service.platform, deps, pageCache);
  t.teardown(() => gateway.app.close());
  return {
    ...gateway,
    namespace: service.namespace,
    platform: service.platform,
    async publish(contract, data) {
      const envelope = createEnvelope({
        source: `tpx/${contract.producer}`,
        type: contract.type,
        dataschema: contract.dataschema,
        data: contract.encode(data),
      });
      await service.platform.js.publish(
        subjectFor(service.namespace, contract.type, contract.version),
        JSON.stringify(envelope),
        {
          msgID: envelope.id,
        },
      );
    },
  };
}
