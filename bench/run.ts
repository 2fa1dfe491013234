// `npm run bench -- <name> [options]` runs bench/<name>.ts; without a name it lists what there is.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts")
  .map((file) => file.replace(/\.ts$/, ""));
const [name, ...rest] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [options]\navailable: ${available.join(", ")}`);
  process.exit(name ? 1 : 0);
}
// A child process per benchmark, so one benchmark's warm caches and leftovers never touch another.
const result = spawnSync(process.execPath, ["--import", "tsx", `${here}${name}.ts`, ...rest], { stdio: "inherit" });
process.exit(result.status ?? 1);
