import { fileURLToPath } from "node:url";
import { closeOnTeardown, createTestService } from "@tpx/testing";
import t from "tap";
import { createDb, disconnectDb } from "../../../../services/scoring/src/db.ts";
import { buildPlatformServer } from "../../src/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../../services/scoring/prisma/migrations", import.meta.url));

t.test("dead-letter admin routes", async (t) => {
  const { platform, auth } = await createTestService(t, { service: "scoring", migrationsDir, createDb, disconnectDb });
  const app = closeOnTeardown(t, buildPlatformServer(platform));
  await platform.db.$executeRawUnsafe(
    `INSERT INTO dead_letter (consumer, stream, stream_seq, subject, reason, deliveries, body)
     VALUES ('scoring__nothing-v1', 'S', 7, 'x.nothing.v1', 'terminated', 1, '{not json')`,
  );

  t.test("need an admin", async (t) => {
    t.equal((await app.inject("/admin/dead-letters")).statusCode, 401);
    const partner = await auth.headers({ role: "partner", partnerId: "p1" });
    t.equal((await app.inject({ url: "/admin/dead-letters", headers: partner })).statusCode, 403);
    const forged = { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.x" };
    t.equal((await app.inject({ url: "/admin/dead-letters", headers: forged })).statusCode, 401);
  });

  t.test("list with filters", async (t) => {
    const admin = await auth.headers({ role: "admin" });
    const all = await app.inject({ url: "/admin/dead-letters?pending=true", headers: admin });
    t.equal(all.statusCode, 200);
    t.match(all.json().items, [{ consumer: "scoring__nothing-v1", streamSeq: 7, reason: "terminated" }]);
    const none = await app.inject({ url: "/admin/dead-letters?consumer=other", headers: admin });
    t.same(none.json().items, []);
    const bad = await app.inject({ url: "/admin/dead-letters?limit=0", headers: admin });
    t.equal(bad.statusCode, 400);
  });

  t.test("replay of an unknown consumer's letter fails and is recorded; unknown ids are 404", async (t) => {
    const admin = await auth.headers({ role: "admin" });
    const [row] = await platform.db.$queryRawUnsafe<{ id: string }[]>("SELECT id::text AS id FROM dead_letter");
    const replay = await app.inject({ method: "POST", url: `/admin/dead-letters/${row!.id}/replay`, headers: admin });
    t.equal(replay.statusCode, 200);
    t.match(replay.json(), { outcome: "failed", error: /no consumer/ });
    const missing = await app.inject({
      method: "POST",
      url: "/admin/dead-letters/5b0c3f8e-3b8e-4a55-9d6c-1d1c2d3e4f50/replay",
      headers: admin,
    });
    t.equal(missing.statusCode, 404);
    const notUuid = await app.inject({ method: "POST", url: "/admin/dead-letters/abc/replay", headers: admin });
    t.equal(notUuid.statusCode, 400);
  });
});
