import type { Variable } from "./variables.ts";

export type VariableMap = Record<string, Variable<unknown>>;
export type ConfigOf<S extends VariableMap> = { readonly [K in keyof S]: ReturnType<S[K]["parse"]> };

export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.problems = problems;
  }
}

export interface ConfigSpec<S extends VariableMap> {
  readonly variables: S;
  /** Reads and validates every variable at once, so one start reports every problem. */
  load(env?: NodeJS.ProcessEnv): ConfigOf<S>;
}

export function defineConfig<S extends VariableMap>(variables: S): ConfigSpec<S> {
  return {
    variables,
    load(env = process.env) {
      const problems: string[] = [];
      const values: Record<string, unknown> = {};
      for (const [name, variable] of Object.entries(variables)) {
        const raw = env[name] ?? variable.default;
        if (raw === undefined) {
          if (variable.optional) values[name] = undefined;
          else problems.push(`${name} is required (${variable.description})`);
          continue;
        }
        try {
          values[name] = variable.parse(raw);
        } catch (error) {
          const shown = variable.secret ? "" : ` (got "${raw}")`;
          problems.push(`${name} ${(error as Error).message}${shown}`);
        }
      }
      if (problems.length > 0) throw new ConfigError(problems);
      return Object.freeze(values) as ConfigOf<S>;
    },
  };
}

/** Names of variables that must be set because they have no default and are not optional. */
export function requiredVariables(spec: ConfigSpec<VariableMap>): string[] {
  return Object.entries(spec.variables)
    .filter(([, variable]) => variable.default === undefined && !variable.optional)
    .map(([name]) => name);
}
