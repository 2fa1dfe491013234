import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./repository.ts";

const run = promisify(execFile);

/** Where deploycheck builds its binaries (same default as the tool itself). */
export const deploycheckHome = process.env.DEPLOYCHECK_HOME ?? "/tmp/deploycheck-home";
/** The shared tool sits beside the clone (CI has it at ../shared). */
export const deploycheckDir = process.env.DEPLOYCHECK_DIR ?? path.resolve(repoRoot, "../shared/tools/deploycheck");

export interface DeploycheckTools {
  minihelm: string;
  tiltcheck: string;
  validateValues: string;
}

function tools(): DeploycheckTools {
  return {
    minihelm: path.join(deploycheckHome, "bin/minihelm"),
    tiltcheck: path.join(deploycheckHome, "bin/tiltcheck"),
    validateValues: path.join(deploycheckHome, "validate-values.mjs"),
  };
}

function built(): boolean {
  const t = tools();
  return existsSync(t.minihelm) && existsSync(t.tiltcheck) && existsSync(path.join(deploycheckHome, "node_modules"));
}

let building: Promise<DeploycheckTools> | undefined;

/**
 * The deploycheck binaries, built on first use (about 40 s: apt packages, go build, npm install). Test files run in
 * parallel, so the build runs under a file lock and is skipped when another process finished it meanwhile.
 */
export function deploycheckTools(): Promise<DeploycheckTools> {
  if (built()) return Promise.resolve(tools());
  building ??= (async () => {
    const buildScript = path.join(deploycheckDir, "build.sh");
    if (!existsSync(buildScript)) {
      throw new Error(
        `deploycheck is not built in ${deploycheckHome} and its sources are missing at ${deploycheckDir}: ` +
          "put the shared folder beside the repository or set DEPLOYCHECK_DIR / DEPLOYCHECK_HOME",
      );
    }
    const guarded = `[ -x bin/minihelm ] && [ -x bin/tiltcheck ] && [ -d node_modules ] || bash "${buildScript}"`;
    try {
      await run("mkdir", ["-p", deploycheckHome]);
      await run("flock", [`${deploycheckHome}.lock`, "bash", "-c", `cd "${deploycheckHome}" && ${guarded}`], {
        env: { ...process.env, DEPLOYCHECK_HOME: deploycheckHome },
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`building deploycheck (${buildScript}) failed:\n${stdout}\n${stderr}`);
    }
    if (!built()) throw new Error(`deploycheck build finished but ${deploycheckHome}/bin is incomplete`);
    return tools();
  })();
  return building;
}
