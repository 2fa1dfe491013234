import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { repoPath } from "./repository.ts";

/** Metric names registered in the TypeScript sources (prom-client `name: "..."`) of every lib and service. */
export function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (entry === "node_modules" || entry === "generated") continue;
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith(".ts")) {
        for (const match of readFileSync(file, "utf8").matchAll(/name:\s*"([a-z_:][a-z0-9_:]*)"/g))
          names.add(match[1] as string);
      }
    }
  };
  for (const root of ["libs", "services"]) {
    for (const workspace of readdirSync(repoPath(root))) {
      const src = repoPath(root, workspace, "src");
      if (statSync(src, { throwIfNoEntry: false })?.isDirectory()) walk(src);
    }
  }
  return names;
}

/** The tpx_ and http_ metrics a set of PromQL expressions query (histogram suffixes stripped). */
export function queriedMetrics(expressions: readonly string[]): Set<string> {
  return new Set(
    [...expressions.join("\n").matchAll(/\b((?:tpx|http)_[a-z0-9_]+)/g)].map((m) =>
      (m[1] as string).replace(/_(bucket|count|sum)$/, ""),
    ),
  );
}
