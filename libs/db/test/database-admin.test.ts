import { testDatabaseAdminUrl } from "@tpx/testing";
import pg from "pg";
import t from "tap";
import {
  databaseNameFromUrl,
  dropDatabase,
  ensureDatabase,
  quoteIdentifier,
  redactUrl,
  urlWithDatabase,
} from "../src/index.ts";

t.test("URL helpers", async (t) => {
  t.equal(databaseNameFromUrl("postgresql://u:p@db:5432/tpx_partner?schema=public"), "tpx_partner");
  t.equal(databaseNameFromUrl("postgresql://u@db/with%20space"), "with space");
  t.throws(() => databaseNameFromUrl("postgresql://u@db:5432/"), /names no database/);
  t.equal(
    urlWithDatabase("postgresql://u:p@db:5432/tpx_partner?sslmode=disable", "postgres"),
    "postgresql://u:p@db:5432/postgres?sslmode=disable",
  );
  t.equal(redactUrl("postgresql://u:secret@db:5432/x"), "postgresql://u:***@db:5432/x");
  t.equal(quoteIdentifier('we"ird'), '"we""ird"');
});

t.test("ensureDatabase creates a missing database once, even when callers race", async (t) => {
  const adminUrl = testDatabaseAdminUrl();
  const name = `tpx_test_ensure_${Date.now().toString(36)}`;
  const url = urlWithDatabase(adminUrl, name);
  t.teardown(() => dropDatabase(url));

  const results = await Promise.all(Array.from({ length: 4 }, () => ensureDatabase(url)));
  t.equal(results.filter((result) => result.created).length, 1, "exactly one caller created it");
  t.same(await ensureDatabase(adminUrl, name), { created: false }, "an admin URL plus a name works too");

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  t.equal((await client.query("SELECT current_database() AS db")).rows[0].db, name);
  // Still connected: dropDatabase disconnects it rather than failing.
  client.on("error", () => {});
  await dropDatabase(url);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  await admin.end();
  t.equal(exists.rowCount, 0, "dropped");
});
