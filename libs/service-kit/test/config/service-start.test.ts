import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import t from "tap";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

function startScoring(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const { DATABASE_URL: _drop, ...inherited } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "services/scoring/src/main.ts"], {
      cwd: root,
      env: { ...inherited, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

t.test("a service with bad configuration", async (t) => {
  t.test("stops at once naming a missing variable", async (t) => {
    const { code, stderr } = await startScoring({});
    t.equal(code, 78);
    t.match(stderr, /scoring: cannot start, invalid configuration/);
    t.match(stderr, /DATABASE_URL is required/);
  });

  t.test("stops at once naming a malformed variable", async (t) => {
    const { code, stderr } = await startScoring({
      DATABASE_URL: "postgresql://x/y",
      PORT: "http",
      NATS_URL: "http://nats",
    });
    t.equal(code, 78);
    t.match(stderr, /PORT must be an integer/);
    t.match(stderr, /NATS_URL must use one of the protocols nats, tls/);
  });
});
