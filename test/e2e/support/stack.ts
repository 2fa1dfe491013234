import type { TeardownRegistry } from "@tpx/testing";
import { type ReceivedMail, startSmtpServer } from "@tpx/testing/fake-smtp";
import { startTwilioApi, type TwilioRequest } from "@tpx/testing/fake-twilio";
import { Redis } from "ioredis";
import { TpxClient } from "../../../scripts/demo/tpx-client.ts";
import { isolatedRun, RunnerProcess } from "../../start/runner-process.ts";

export const ADMIN = { email: "admin@e2e.tpx.test", password: "e2e-admin-password-1" };

/** Loading six services costs some 30 CPU-seconds; on two busy cores that can take a minute or more. */
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export interface Stack {
  /** An anonymous client of the gateway: the only address the suite talks to. */
  gateway: TpxClient;
  gatewayUrl: string;
  /** What the local SMTP server received. */
  mail: ReceivedMail[];
  /** What the local Twilio Messages API received. */
  sms: TwilioRequest[];
  runner: RunnerProcess;
  coldStartMs: number;
}

/**
 * The whole platform as `npm start` runs it (the runner, six service processes) on this test's own databases,
 * streams and ports, with e-mail going to a local SMTP server and SMS to a local server speaking Twilio's API.
 */
export async function startStack(t: TeardownRegistry): Promise<Stack> {
  const smtp = await startSmtpServer(t);
  const twilio = await startTwilioApi(t);
  const run = await isolatedRun(t);
  // runs after the runner stopped (teardowns run last first): the services' Redis keys (page cache, rate limits)
  t.teardown(() => deleteRedisKeys(`${run.env.EVENT_NAMESPACE}:`));
  const startedAt = Date.now();
  const runner = new RunnerProcess({
    ...run.env,
    TPX_START_TIMEOUT_MS: String(READY_TIMEOUT_MS - 5_000),
    LOG_LEVEL: "warn",
    // The suite counts campaigns, messages and matches: no demo partners besides its own.
    TPX_DEMO_DATA: "false",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: smtp.url,
    TWILIO_ACCOUNT_SID: "ACe2e00000000000000000000000000000",
    TWILIO_AUTH_TOKEN: "e2e-twilio-auth-token",
    TWILIO_FROM: "+15005550006",
    TWILIO_API_BASE: twilio.base,
    // Quiet hours would hold SMS back until morning, whenever the suite happens to run.
    SMS_QUIET_START_HOUR: "0",
    SMS_QUIET_END_HOUR: "0",
    SMS_RATE_PER_SECOND: "50",
    EMAIL_RATE_PER_SECOND: "100",
    DISPATCH_INTERVAL_MS: "100",
    // One client IP signs up several users and answers many surveys within a minute.
    RATE_LIMIT_LOGIN_PER_MINUTE: "200",
    RATE_LIMIT_SURVEY_SUBMIT_PER_MINUTE: "200",
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: "100000",
  });
  t.teardown(() => runner.forceStop(STOP_TIMEOUT_MS));
  await runner
    .waitForRunnerLine((line) => line.msg?.startsWith("TPX is ready") === true, READY_TIMEOUT_MS)
    .catch((error: Error) => {
      throw new Error(`npm start never reported ready: ${error.message}\n${runner.tail()}`);
    });
  const gatewayUrl = `http://127.0.0.1:${run.port("gateway")}`;
  return {
    gateway: new TpxClient(gatewayUrl),
    gatewayUrl,
    mail: smtp.received,
    sms: twilio.requests,
    runner,
    coldStartMs: Date.now() - startedAt,
  };
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
