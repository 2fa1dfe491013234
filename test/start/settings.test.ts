import { ConfigError } from "@tpx/service-kit/config";
import t from "tap";
import { loadSettings, RUNNER_ONLY_VARIABLES } from "../../scripts/start/settings.ts";

t.test("defaults: the services' own default ports, tpx_ databases, the local servers", async (t) => {
  const settings = loadSettings({}, true);
  t.same(settings.ports, {
    gateway: 8080,
    partner: 8081,
    survey: 8082,
    scoring: 8083,
    matching: 8084,
    notification: 8085,
  });
  t.equal(settings.databasePrefix, "tpx_");
  t.equal(settings.databaseAdminUrl, undefined, "no server configured: the runner looks for one");
  t.equal(settings.natsUrl, "nats://127.0.0.1:4222");
  t.equal(settings.redisUrl, "redis://127.0.0.1:6379");
  t.match(settings.dataDir, /\/\.data$/);
});

t.test("PORT_BASE moves every service; <SERVICE>_PORT moves one", async (t) => {
  const settings = loadSettings({ PORT_BASE: "9000", SCORING_PORT: "9100" }, false);
  t.same(settings.ports, {
    gateway: 9000,
    partner: 9001,
    survey: 9002,
    scoring: 9100,
    matching: 9004,
    notification: 9005,
  });
});

t.test("a per-service database URL replaces that service's database only", async (t) => {
  const settings = loadSettings({ PARTNER_DATABASE_URL: "postgresql://u@db.example:5432/partners" }, false);
  t.same(settings.databaseUrlOverrides, { partner: "postgresql://u@db.example:5432/partners" });
});

t.test("LOG_PRETTY follows the terminal unless set", async (t) => {
  t.equal(loadSettings({}, true).prettyLogs, true);
  t.equal(loadSettings({}, false).prettyLogs, false);
  t.equal(loadSettings({ LOG_PRETTY: "true" }, false).prettyLogs, true);
  t.equal(loadSettings({ LOG_PRETTY: "false" }, true).prettyLogs, false);
});

t.test("every problem is reported at once, naming the variable", async (t) => {
  const error = t.throws(() =>
    loadSettings({ TPX_DB_PREFIX: "Bad-Prefix", DATABASE_ADMIN_URL: "mysql://x", PORT_BASE: "http" }, false),
  ) as ConfigError;
  t.type(error, ConfigError);
  t.equal(error.problems.length, 3);
  t.match(error.problems.join("\n"), /DATABASE_ADMIN_URL must use one of the protocols postgres, postgresql/);
  t.match(error.problems.join("\n"), /TPX_DB_PREFIX/);
  t.match(error.problems.join("\n"), /PORT_BASE/);
});

t.test("two services on one port is refused", async (t) => {
  const error = t.throws(() => loadSettings({ PORT_BASE: "9000", GATEWAY_PORT: "9003" }, false)) as ConfigError;
  t.match(error.problems, ["gateway and scoring would all listen on port 9003"]);
});

t.test("the runner's own variables are not passed on to the services", async (t) => {
  for (const name of ["DATABASE_ADMIN_URL", "TPX_DB_PREFIX", "PORT_BASE", "PARTNER_DATABASE_URL", "GATEWAY_PORT"]) {
    t.ok(RUNNER_ONLY_VARIABLES.includes(name), name);
  }
  for (const name of ["NATS_URL", "REDIS_URL", "LOG_PRETTY", "EVENT_NAMESPACE"]) {
    t.notOk(RUNNER_ONLY_VARIABLES.includes(name), `${name} is the services' too`);
  }
});

t.test("demo data is on unless TPX_DEMO_DATA=false; the admin it logs in with has a development default", async (t) => {
  const defaults = loadSettings({}, false);
  t.equal(defaults.demoData, true);
  t.same(defaults.admin, { email: "admin@tpx.local", password: "tpx-admin-password" });
  t.equal(loadSettings({ TPX_DEMO_DATA: "false" }, false).demoData, false);
  const own = loadSettings({ ADMIN_EMAIL: "me@example.com", ADMIN_PASSWORD: "a-long-password" }, false);
  t.same(own.admin, { email: "me@example.com", password: "a-long-password" });
  const error = t.throws(() => loadSettings({ ADMIN_PASSWORD: "short" }, false)) as ConfigError;
  t.match(error.problems.join("\n"), /ADMIN_PASSWORD/);
  t.notMatch(error.problems.join("\n"), /short/, "without showing the password");
  t.ok(RUNNER_ONLY_VARIABLES.includes("TPX_DEMO_DATA"));
  t.notOk(RUNNER_ONLY_VARIABLES.includes("ADMIN_EMAIL"), "the admin is the gateway's too");
});
