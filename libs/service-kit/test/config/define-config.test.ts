import t from "tap";
import {
  ConfigError,
  defineConfig,
  int,
  optional,
  platformVariables,
  requiredVariables,
  str,
  url,
} from "../../src/index.ts";

const spec = defineConfig({
  NAME: str({ description: "a name" }),
  PORT: int({ description: "a port", default: "8080", min: 1, max: 65535 }),
  HOOK: optional(url({ description: "a hook", protocols: ["https"] })),
  TOKEN: str({ description: "a secret", secret: true }),
});

t.test("defineConfig", async (t) => {
  t.test("reads, converts and applies defaults", async (t) => {
    const config = spec.load({ NAME: "tpx", TOKEN: "s3cret" });
    t.same(config, { NAME: "tpx", PORT: 8080, HOOK: undefined, TOKEN: "s3cret" });
    t.ok(Object.isFrozen(config));
  });

  t.test("reports every bad or missing variable by name at once", async (t) => {
    const error = t.throws(() => spec.load({ PORT: "eighty", HOOK: "ftp://x", TOKEN: "" })) as unknown as ConfigError;
    t.type(error, ConfigError);
    t.match(error.problems, [
      /^NAME is required/,
      /^PORT must be an integer \(got "eighty"\)/,
      /^HOOK must use one of the protocols https/,
      /^TOKEN must not be empty$/,
    ]);
  });

  t.test("never echoes a secret's value", async (t) => {
    const error = t.throws(() => spec.load({ NAME: "x", TOKEN: "" })) as unknown as ConfigError;
    t.notMatch(error.message, /got/);
  });

  t.test("lists the variables without defaults as required", async (t) => {
    t.same(requiredVariables(spec), ["NAME", "TOKEN"]);
    t.same(requiredVariables(defineConfig(platformVariables({ defaultPort: 1 }))), ["DATABASE_URL"]);
  });

  t.test("range checks integers", async (t) => {
    t.throws(() => spec.load({ NAME: "x", TOKEN: "y", PORT: "70000" }), /PORT must be at most 65535/);
  });
});
