import { execFile } from "node:child_process";
import { promisify } from "node:util";
import t from "tap";
import { deploycheckDir, deploycheckTools } from "./support/deploycheck-tools.ts";
import { repoPath } from "./support/repository.ts";

const run = promisify(execFile);

// The whole offline check (yamllint, values schema, Kubernetes schemas and policy, Tiltfile, compose) as CI runs it.
t.test("scripts/deploycheck.sh passes", async (t) => {
  await deploycheckTools(); // builds the tools once, under the lock shared with the other deploy tests
  const result = await run("bash", [repoPath("scripts/deploycheck.sh")], {
    env: { ...process.env, DEPLOYCHECK_DIR: deploycheckDir },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`deploycheck failed:\n${error.stdout}\n${error.stderr}`);
  });
  t.match(result.stdout, /deploycheck OK/);
  t.notMatch(result.stdout, /^FAIL /m);
});
