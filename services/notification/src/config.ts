import {
  bool,
  type ConfigOf,
  defineConfig,
  int,
  optional,
  platformVariables,
  str,
  url,
  type Variable,
} from "@tpx/service-kit";

/** A comma-separated list of non-negative integers (a retry schedule in milliseconds). */
function msList(options: { description: string; default: string }): Variable<number[]> {
  return {
    ...options,
    parse(raw) {
      const values = raw.split(",").map((part) => part.trim());
      if (values.some((value) => !/^\d+$/.test(value))) throw new Error("must be a comma-separated list of integers");
      return values.map(Number);
    },
  };
}

/** Every variable the notification service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8085 }),
  SMTP_URL: optional(
    url({
      description:
        "SMTP server for e-mail (smtp:// or smtps://, credentials in the URL); unset outside production = dev mailbox",
      protocols: ["smtp", "smtps"],
      secret: true,
    }),
  ),
  EMAIL_FROM: str({ description: "sender of every e-mail", default: "TPX <no-reply@tpx.local>" }),
  TWILIO_ACCOUNT_SID: optional(
    str({ description: "Twilio account SID; unset outside production = SMS go to the dev mailbox" }),
  ),
  TWILIO_AUTH_TOKEN: optional(
    str({ description: "Twilio auth token (API auth and X-Twilio-Signature)", secret: true }),
  ),
  TWILIO_FROM: optional(str({ description: "SMS sender: an E.164 number or a Messaging Service SID (MG...)" })),
  TWILIO_API_BASE: url({
    description: "base URL of the Twilio REST API (tests point it at a local server)",
    protocols: ["http", "https"],
    default: "https://api.twilio.com",
  }),
  TWILIO_WEBHOOK_BASE_URL: optional(
    url({
      description:
        "public base URL Twilio calls for inbound SMS and status callbacks (used to check X-Twilio-Signature)",
      protocols: ["http", "https"],
    }),
  ),
  PUBLIC_BASE_URL: url({
    description: "public URL of the gateway, for links in messages (unsubscribe)",
    protocols: ["http", "https"],
    default: "http://localhost:8080",
  }),
  UNSUBSCRIBE_SECRET: optional(
    str({ description: "HMAC key of unsubscribe links; required in production", secret: true }),
  ),
  DISPATCH_INTERVAL_MS: int({
    description: "how often due messages and webhook deliveries are looked for",
    default: "1000",
    min: 10,
  }),
  EMAIL_RATE_PER_SECOND: int({ description: "most e-mails sent per second by one replica", default: "10", min: 1 }),
  SMS_RATE_PER_SECOND: int({
    description: "most SMS sent per second by one replica (Twilio long codes: 1)",
    default: "1",
    min: 1,
  }),
  SEND_MAX_ATTEMPTS: int({
    description: "attempts of a message before it fails for good",
    default: "6",
    min: 1,
    max: 50,
  }),
  SEND_RETRY_BASE_MS: int({
    description: "first retry delay of a message; doubles per attempt, with jitter",
    default: "30000",
    min: 1,
  }),
  SEND_TIMEOUT_MS: int({ description: "time limit of one provider call", default: "30000", min: 100 }),
  SEND_STALE_AFTER_MS: int({
    description: "a message still marked sending after this long was interrupted by a crash (failed, never resent)",
    default: "300000",
    min: 1000,
  }),
  SMS_QUIET_START_HOUR: int({
    description: "SMS quiet hours start (recipient's local hour)",
    default: "21",
    min: 0,
    max: 23,
  }),
  SMS_QUIET_END_HOUR: int({
    description: "SMS quiet hours end (recipient's local hour)",
    default: "8",
    min: 0,
    max: 23,
  }),
  SMS_DEFAULT_TIME_ZONE: str({
    description: "time zone of SMS recipients whose own is unknown",
    default: "America/New_York",
  }),
  WEBHOOK_TIMEOUT_MS: int({ description: "time an endpoint has to answer", default: "15000", min: 100, max: 60000 }),
  WEBHOOK_RETRY_SCHEDULE_MS: msList({
    description: "delays before each webhook attempt (Svix schedule; jitter +-10% is added)",
    default: "0,5000,300000,1800000,7200000,18000000,36000000,36000000",
  }),
  WEBHOOK_DISABLE_AFTER_MS: int({
    description: "an endpoint failing every attempt for this long is disabled (5 days)",
    default: "432000000",
    min: 1,
  }),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool({
    description: "development only: allow webhook URLs on loopback/private addresses (refused in production)",
    default: "false",
  }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
