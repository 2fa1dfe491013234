// Generates every service's Prisma client (services/<name>/src/generated/prisma) from its schema.prisma.
// `prisma generate` itself needs no engine binary, but the CLI tries to download the schema engine unless its path is
// set: any stub will do, generate never runs it.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "..");
const prismaBin = path.join(repoRoot, "node_modules", ".bin", "prisma");

async function servicesWithPrisma(): Promise<string[]> {
  const entries = await readdir(path.join(repoRoot, "services"), { withFileTypes: true });
  return entries
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(repoRoot, "services", entry.name, "prisma.config.ts")),
    )
    .map((entry) => entry.name)
    .sort();
}

function generate(service: string): Promise<{ service: string; ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(prismaBin, ["generate"], {
      cwd: path.join(repoRoot, "services", service),
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => resolve({ service, ok: false, output: `${output}${error.message}` }));
    child.on("close", (code) => resolve({ service, ok: code === 0, output }));
  });
}

async function main(): Promise<void> {
  const services = await servicesWithPrisma();
  if (services.length === 0) throw new Error("no services/*/prisma.config.ts found");
  // Each run is mostly one CPU-bound node process: two at a time keeps a 2-core machine busy without thrashing.
  const results: Awaited<ReturnType<typeof generate>>[] = [];
  const queue = [...services];
  const workers = Array.from({ length: 2 }, async () => {
    for (let service = queue.shift(); service !== undefined; service = queue.shift()) {
      results.push(await generate(service));
    }
  });
  await Promise.all(workers);
  const failed = results.filter((result) => !result.ok);
  for (const result of failed) console.error(`--- prisma generate failed for ${result.service} ---\n${result.output}`);
  if (failed.length > 0) throw new Error(`prisma generate failed for: ${failed.map((r) => r.service).join(", ")}`);
  console.log(`generated Prisma clients for ${services.join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(`generate:prisma failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
