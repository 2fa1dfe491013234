import { bool, type ConfigOf, defineConfig, int, platformVariables, str, url } from "@tpx/service-kit";

/** A time zone name Intl knows (e.g. "America/New_York"); a typo would silently shift the quarterly run. */
const TIME_ZONE = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

/** Every variable the survey service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8082 }),
  PUBLIC_BASE_URL: url({
    description: "public origin of the platform (the gateway); survey links are `<PUBLIC_BASE_URL>/s/<token>`",
    protocols: ["http", "https"],
    default: "http://localhost:8080",
  }),
  QUARTERLY_TIMEZONE: str({
    description: "IANA time zone of the quarterly PowerCard run (cron `0 9 1 1,4,7,10 *`: 09:00 on Jan/Apr/Jul/Oct 1)",
    default: "America/New_York",
    pattern: TIME_ZONE,
  }),
  QUARTERLY_SCHEDULER_ENABLED: bool({
    description: "run the quarterly campaign job on its schedule in this process (admins can always run it by hand)",
    default: "true",
  }),
  SCHEDULER_LOCK_TTL_MS: int({
    description: "lifetime of the Redis lock a replica takes before running a scheduled job (it only saves work)",
    default: "300000",
    min: 100,
    max: 3600000,
  }),
  CAMPAIGN_DURATION_DAYS: int({
    description: "days a campaign stays open; its survey links expire when it closes",
    default: "30",
    min: 1,
    max: 365,
  }),
  RESPONSE_THRESHOLD: int({
    description: "responses in a partner's quarter that trigger `campaign.threshold_reached` (a PCR needs 5)",
    default: "5",
    min: 1,
    max: 1000,
  }),
  REMINDER_DELAY_HOURS: int({
    description: "hours after the invitation (or the previous reminder) before a non-responder is reminded",
    default: "72",
    min: 1,
    max: 2160,
  }),
  REMINDER_MAX_COUNT: int({
    description: "reminders a non-responder gets at most (0 disables reminders)",
    default: "2",
    min: 0,
    max: 10,
  }),
  REMINDER_CRON: str({
    description: "node-cron schedule of the reminder and campaign-closing sweep",
    default: "*/15 * * * *",
  }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
