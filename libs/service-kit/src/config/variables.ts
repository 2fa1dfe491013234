/**
 * A typed description of one environment variable. The same list drives validation at start, the README
 * configuration table and the chart-consistency tests, so documentation cannot drift from the code.
 */
export interface Variable<T> {
  readonly description: string;
  /** Value used when the variable is unset; a variable without a default is required. */
  readonly default?: string;
  /** Optional variables without a default parse to undefined when unset. */
  readonly optional?: boolean;
  /** Secrets come from Kubernetes Secrets, never from values files, and are never logged. */
  readonly secret?: boolean;
  parse(raw: string): T;
}

type Options = { description: string; default?: string; secret?: boolean };

function fail(message: string): never {
  throw new Error(message);
}

export function str(options: Options & { pattern?: RegExp }): Variable<string> {
  return {
    ...options,
    parse(raw) {
      if (raw === "") fail("must not be empty");
      if (options.pattern && !options.pattern.test(raw)) fail(`must match ${options.pattern}`);
      return raw;
    },
  };
}

export function url(options: Options & { protocols: readonly string[] }): Variable<string> {
  return {
    ...options,
    parse(raw) {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        fail("must be a URL");
      }
      if (!options.protocols.includes(parsed.protocol.replace(/:$/, ""))) {
        fail(`must use one of the protocols ${options.protocols.join(", ")}`);
      }
      return raw;
    },
  };
}

export function int(options: Options & { min?: number; max?: number }): Variable<number> {
  return {
    ...options,
    parse(raw) {
      if (!/^-?\d+$/.test(raw)) fail("must be an integer");
      const value = Number(raw);
      if (options.min !== undefined && value < options.min) fail(`must be at least ${options.min}`);
      if (options.max !== undefined && value > options.max) fail(`must be at most ${options.max}`);
      return value;
    },
  };
}

export function bool(options: Options): Variable<boolean> {
  return {
    ...options,
    parse(raw) {
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      return fail("must be true or false");
    },
  };
}

export function oneOf<const V extends string>(options: Options & { values: readonly V[] }): Variable<V> {
  return {
    ...options,
    parse(raw) {
      if (!(options.values as readonly string[]).includes(raw)) fail(`must be one of ${options.values.join(", ")}`);
      return raw as V;
    },
  };
}

/** Makes a variable optional: unset means undefined rather than an error. */
export function optional<T>(variable: Variable<T>): Variable<T | undefined> {
  return { ...variable, optional: true };
}
