import { PrismaPg } from "@prisma/adapter-pg";

export interface PrismaClientSettings {
  databaseUrl: string;
  /** Most connections the pool opens; pg's default (10) when absent. */
  poolMax?: number;
  /** Shown in pg_stat_activity, so a connection can be traced back to its service. */
  applicationName?: string;
}

/** What every generated `PrismaClient` class accepts when it runs on a driver adapter. */
export type PrismaClientClass<C> = new (options: { adapter: PrismaPg }) => C;

/**
 * Builds a service's own generated PrismaClient on the pg driver adapter (Prisma 7 has no built-in driver). Generic
 * over the class so each service gets back its own typed client:
 * `createPrismaClient(PrismaClient, { databaseUrl })` where `PrismaClient` comes from `src/generated/prisma/client.ts`.
 */
export function createPrismaClient<C>(PrismaClientClass: PrismaClientClass<C>, settings: PrismaClientSettings): C {
  const adapter = new PrismaPg({
    connectionString: settings.databaseUrl,
    ...(settings.poolMax === undefined ? {} : { max: settings.poolMax }),
    ...(settings.applicationName === undefined ? {} : { application_name: settings.applicationName }),
  });
  return new PrismaClientClass({ adapter });
}
