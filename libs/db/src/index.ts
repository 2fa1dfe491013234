export { dropDatabase, ensureDatabase } from "./database-admin.ts";
export * from "./migrations/index.ts";
export { databaseNameFromUrl, quoteIdentifier, redactUrl, urlWithDatabase } from "./postgres-url.ts";
export { createPrismaClient, type PrismaClientClass, type PrismaClientSettings } from "./prisma-client.ts";
export type { SqlExecutor, TransactionOptions, TransactionRunner } from "./sql.ts";
