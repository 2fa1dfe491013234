// Writes a new Prisma migration for one service without `prisma migrate dev` (whose native engine cannot be
// downloaded here): Prisma's schema engine, as WebAssembly, diffs the state the existing migrations produce against
// the current schema.prisma, replaying the migrations into a throwaway database on a local PostgreSQL.
//
//   npm run migration:new -- --service partner --name add_partner_table
//
// SHADOW_DATABASE_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres) is where that database goes.
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { diffMigrationsToSchema } from "@tpx/db/schema-diff";

const repoRoot = path.resolve(import.meta.dirname, "..");
const adminUrl = process.env.SHADOW_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** `20250131235959`: the UTC timestamp prefix Prisma gives migration folders. */
function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { service: { type: "string" }, name: { type: "string" } } });
  const service = values.service;
  const name = values.name;
  if (!service || !name) throw new Error("usage: npm run migration:new -- --service <name> --name <snake_case_name>");
  if (!/^[a-z0-9]+(_[a-z0-9]+)*$/.test(name)) throw new Error(`--name must be snake_case, got "${name}"`);

  const prismaDir = path.join(repoRoot, "services", service, "prisma");
  const schemaPath = path.join(prismaDir, "schema.prisma");
  const migrationsDir = path.join(prismaDir, "migrations");
  if (!existsSync(schemaPath)) throw new Error(`No such service schema: ${path.relative(repoRoot, schemaPath)}`);
  await mkdir(migrationsDir, { recursive: true });

  const sql = await diffMigrationsToSchema({ schemaPath, migrationsDir, adminUrl });
  if (sql === null) {
    console.log(`${service}: no changes — the migrations already produce schema.prisma.`);
    return;
  }

  const folder = `${migrationTimestamp(new Date())}_${name}`;
  const existing = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  const latest = existing
    .map((entry) => entry.name)
    .sort()
    .at(-1);
  if (latest !== undefined && latest >= folder) {
    // Migrations apply in folder-name order; a new one sorting before an existing one would run out of order.
    throw new Error(`New migration ${folder} would not sort after the latest existing one (${latest})`);
  }
  const file = path.join(migrationsDir, folder, "migration.sql");
  await mkdir(path.dirname(file));
  await writeFile(file, sql);
  console.log(`${service}: wrote ${path.relative(repoRoot, file)}`);
}

main().catch((error: unknown) => {
  console.error(`migration:new failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
