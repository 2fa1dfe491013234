import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../../..");

/** Every service folder that owns a Prisma schema. */
export function servicesWithSchema(): { name: string; schemaPath: string; migrationsDir: string }[] {
  const servicesDir = path.join(repoRoot, "services");
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      name: entry.name,
      schemaPath: path.join(servicesDir, entry.name, "prisma", "schema.prisma"),
      migrationsDir: path.join(servicesDir, entry.name, "prisma", "migrations"),
    }))
    .filter((service) => existsSync(service.schemaPath))
    .sort((a, b) => a.name.localeCompare(b.name));
}
