import { randomUUID } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createTestDatabase } from "@tpx/testing";
import pg from "pg";
import t from "tap";
// Any service's generated client will do (`npm run generate:prisma` writes them); gateway's holds just the platform models.
import { PrismaClient } from "../../../services/gateway/src/generated/prisma/client.ts";
import { createPrismaClient } from "../src/index.ts";
import { repoRoot } from "./helpers/services.ts";

t.test("createPrismaClient returns the service's own typed client on a pg pool", async (t) => {
  const { url } = await createTestDatabase(t, {
    name: "prisma_client",
    migrationsDir: path.join(repoRoot, "services/gateway/prisma/migrations"),
  });
  const prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolMax: 2, applicationName: "tpx-db-test" });
  t.teardown(() => prisma.$disconnect());
  // @ts-expect-error the client is typed: a model the gateway schema does not have is a compile error
  t.equal(prisma.noSuchModel, undefined);

  const id = randomUUID();
  await prisma.outboxEvent.create({ data: { id, subject: "tpx.test", type: "test.v1", payload: { hello: "world" } } });
  const row = await prisma.outboxEvent.findUniqueOrThrow({ where: { id } });
  t.same(row.payload, { hello: "world" });
  t.equal(row.attempts, 0, "defaults come from the migrated table");
  t.equal(row.sentAt, null);

  const observer = new pg.Client({ connectionString: url });
  await observer.connect();
  t.teardown(() => observer.end());
  const connections = async () =>
    Number(
      (
        await observer.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
          ["tpx-db-test"],
        )
      ).rows[0]!.n,
    );
  // Five slow queries at once: a pool capped at two opens two connections, named after the application.
  // (Prisma's promises are lazy: Promise.all is what sends them.)
  const slow = Promise.all(Array.from({ length: 5 }, () => prisma.$queryRaw`SELECT 1 AS done FROM pg_sleep(0.3)`));
  await sleep(150);
  t.equal(await connections(), 2, "poolMax caps the pool; applicationName names its connections");
  await slow;
});
