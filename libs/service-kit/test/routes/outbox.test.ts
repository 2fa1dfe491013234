import { fileURLToPath } from "node:url";
import { closeOnTeardown, createTestService } from "@tpx/testing";
import t from "tap";
import { createDb, disconnectDb } from "../../../../services/scoring/src/db.ts";
import { buildPlatformServer } from "../../src/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../../services/scoring/prisma/migrations", import.meta.url));
const PARKED = "5b0c3f8e-3b8e-4a55-9d6c-1d1c2d3e4f51";
const OTHER = "5b0c3f8e-3b8e-4a55-9d6c-1d1c2d3e4f52";

t.test("parked outbox admin routes", async (t) => {
  const { platform, auth } = await createTestService(t, { service: "scoring", migrationsDir, createDb, disconnectDb });
  const app = closeOnTeardown(t, buildPlatformServer(platform));
  await platform.db.$executeRawUnsafe(
    `INSERT INTO outbox_event (id, subject, type, payload, attempts, last_error, parked_at) VALUES
       ($1::uuid, 'x.orphan.v1', 'orphan', '{}', 5, 'no JetStream stream captures subject x.orphan.v1', now()),
       ($2::uuid, 'x.orphan.v1', 'orphan', '{}', 5, 'no JetStream stream captures subject x.orphan.v1', now())`,
    PARKED,
    OTHER,
  );

  t.test("need an admin", async (t) => {
    t.equal((await app.inject("/admin/outbox/parked")).statusCode, 401);
    const partner = await auth.headers({ role: "partner", partnerId: "p1" });
    t.equal((await app.inject({ url: "/admin/outbox/parked", headers: partner })).statusCode, 403);
    const retry = await app.inject({ method: "POST", url: "/admin/outbox/parked/retry", headers: partner });
    t.equal(retry.statusCode, 403);
  });

  t.test("list, retry one, retry the rest", async (t) => {
    const admin = await auth.headers({ role: "admin" });
    const list = await app.inject({ url: "/admin/outbox/parked?limit=10", headers: admin });
    t.equal(list.statusCode, 200);
    t.match(list.json().items, [
      { subject: "x.orphan.v1", attempts: 5, lastError: /no JetStream stream/, parkedAt: String },
      { subject: "x.orphan.v1" },
    ]);
    t.equal((await app.inject({ url: "/admin/outbox/parked?limit=0", headers: admin })).statusCode, 400);

    const one = await app.inject({ method: "POST", url: `/admin/outbox/parked/${PARKED}/retry`, headers: admin });
    t.same([one.statusCode, one.json()], [200, { retried: 1 }]);
    const again = await app.inject({ method: "POST", url: `/admin/outbox/parked/${PARKED}/retry`, headers: admin });
    t.equal(again.statusCode, 404, "no longer parked");
    const notUuid = await app.inject({ method: "POST", url: "/admin/outbox/parked/abc/retry", headers: admin });
    t.equal(notUuid.statusCode, 400);

    const rest = await app.inject({ method: "POST", url: "/admin/outbox/parked/retry", headers: admin });
    t.same(rest.json(), { retried: 1 });
    t.same((await app.inject({ url: "/admin/outbox/parked", headers: admin })).json(), { items: [] });
    const rows = await platform.db.$queryRawUnsafe<{ attempts: number; parked: boolean }[]>(
      "SELECT attempts, parked_at IS NOT NULL AS parked FROM outbox_event",
    );
    t.same(rows, [
      { attempts: 0, parked: false },
      { attempts: 0, parked: false },
    ]);
  });
});
