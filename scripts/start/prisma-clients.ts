import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { LogOutput } from "./log-output.ts";
import { repoRoot, SERVICE_NAMES, type ServiceName, serviceDir } from "./services.ts";

const run = promisify(execFile);

/** A service whose generated client is missing or older than its schema (the client is not committed). */
async function needsGenerate(service: ServiceName): Promise<boolean> {
  const schema = path.join(serviceDir(service), "prisma", "schema.prisma");
  if (!existsSync(schema)) return false;
  const client = path.join(serviceDir(service), "src", "generated", "prisma", "client.ts");
  if (!existsSync(client)) return true;
  const [schemaStat, clientStat] = await Promise.all([stat(schema), stat(client)]);
  return clientStat.mtimeMs < schemaStat.mtimeMs;
}

/** Runs `npm run generate:prisma` when a client is missing or stale, so a fresh clone starts with one command. */
export async function ensurePrismaClients(output: LogOutput): Promise<void> {
  const stale = (
    await Promise.all(SERVICE_NAMES.map(async (service) => ((await needsGenerate(service)) ? service : undefined)))
  ).filter((service) => service !== undefined);
  if (stale.length === 0) return;
  output.info(`Prisma clients missing or older than their schema (${stale.join(", ")}): npm run generate:prisma`);
  try {
    await run(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts", "prisma-generate.ts")], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run generate:prisma failed\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
