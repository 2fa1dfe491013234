import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function repoPath(...segments: string[]): string {
  return path.join(repoRoot, ...segments);
}

export function readRepoFile(...segments: string[]): string {
  return readFileSync(repoPath(...segments), "utf8");
}

/** The services are the folders under services/ with a package.json: the source of truth every deploy file follows. */
export function serviceNames(): string[] {
  return readdirSync(repoPath("services"))
    .filter((name) => {
      try {
        return statSync(repoPath("services", name, "package.json")).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

export const chartDir = repoPath("deploy/helm/tpx");
export const devValues = repoPath("deploy/helm/tpx/values-dev.yaml");
export const prodValues = repoPath("deploy/helm/tpx/values-prod.yaml");
/** Release name the tests render with; the Tiltfile and deploycheck use the same. */
export const release = "tpx";
