import { type SeedOutcome, seedDemoData } from "../demo/seed.ts";
import { errorMessage } from "./error-message.ts";
import type { LogOutput } from "./log-output.ts";
import type { RunnerSettings } from "./settings.ts";

export type DemoOutcome =
  | SeedOutcome
  | { kind: "off" }
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; reason: string };

/**
 * The demo answers its surveys through the links in the dev mailbox, which only gets the mail while no real provider
 * is configured; real mail to the demo's made-up references would bounce anyway.
 */
function reasonToSkip(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_ENV === "production") return "NODE_ENV is production (no dev mailbox)";
  if (env.SMTP_URL)
    return "SMTP_URL is set: survey invitations would leave this machine instead of reaching the dev mailbox";
  return undefined;
}

/**
 * Once every service is ready: the demo data on an empty platform (TPX_DEMO_DATA, on by default), else what an
 * earlier start left. A failure here is reported and the platform keeps running without it: the services are fine,
 * only the demo is incomplete.
 */
export async function addDemoData(
  settings: RunnerSettings,
  output: LogOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoOutcome> {
  if (!settings.demoData) return { kind: "off" };
  const skip = reasonToSkip(env);
  if (skip) return { kind: "skipped", reason: skip };
  const startedAt = Date.now();
  try {
    const outcome = await seedDemoData({
      gatewayUrl: `http://127.0.0.1:${settings.ports.gateway}`,
      admin: settings.admin,
      log: (message) => output.info(`demo data: ${message}`),
    });
    if (outcome.kind === "seeded") output.info(`demo data: added in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return outcome;
  } catch (error) {
    const reason = errorMessage(error);
    output.error(`demo data: not completed, the platform runs without it: ${reason}`);
    return { kind: "failed", reason };
  }
}
