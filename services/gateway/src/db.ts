import { createPrismaClient } from "@tpx/db";
import { type Prisma, PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

export function createDb(databaseUrl: string, poolMax: number): Db {
  return createPrismaClient(PrismaClient, { databaseUrl, poolMax, applicationName: "gateway" });
}

export async function disconnectDb(db: Db): Promise<void> {
  await db.$disconnect();
}
