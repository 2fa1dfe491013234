/** Who wrote a line: a service, a server the runner started, or the runner itself. */
export const RUNNER_SOURCE = "runner";

export interface LogOutput {
  /** A message of the runner itself; `fields` are kept as JSON properties in JSON mode. */
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A line written by a child process. */
  line(source: string, text: string, stream: "stdout" | "stderr"): void;
}

export interface LogOutputOptions {
  /**
   * true: `partner  | <line>` for people, the services writing pino-pretty lines. false: JSON lines only, the
   * services' own pino lines passed through untouched and everything else wrapped in the same shape.
   */
  pretty: boolean;
  /** ANSI colours for the name column (pretty mode on a terminal). */
  color: boolean;
  /** Every source that will write, so the name column has one width. */
  sources: readonly string[];
  write?: (text: string) => void;
}

const COLORS = [36, 35, 33, 32, 34, 91, 96, 95, 93];

export function createLogOutput(options: LogOutputOptions): LogOutput {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  return options.pretty ? prettyOutput(options, write) : jsonOutput(write);
}

function prettyOutput(options: LogOutputOptions, write: (text: string) => void): LogOutput {
  const sources = [RUNNER_SOURCE, ...options.sources];
  const width = Math.max(...sources.map((source) => source.length));
  const label = (source: string) => {
    const padded = source.padEnd(width);
    if (!options.color) return padded;
    const index = sources.indexOf(source);
    const code = COLORS[Math.max(index, 0) % COLORS.length];
    return `\u001b[${code}m${padded}\u001b[0m`;
  };
  const emit = (source: string, text: string) => {
    const prefix = `${label(source)} | `;
    write(
      `${text
        .split("\n")
        .map((line) => `${prefix}${line}`)
        .join("\n")}\n`,
    );
  };
  return {
    info: (message) => emit(RUNNER_SOURCE, message),
    error: (message) => emit(RUNNER_SOURCE, options.color ? `\u001b[31m${message}\u001b[0m` : message),
    line: (source, text) => emit(source, text),
  };
}

function jsonOutput(write: (text: string) => void): LogOutput {
  const emit = (level: string, service: string, msg: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ level, time: new Date().toISOString(), service, ...fields, msg })}\n`);
  return {
    info: (message, fields) => emit("info", RUNNER_SOURCE, message, fields),
    error: (message, fields) => emit("error", RUNNER_SOURCE, message, fields),
    line: (source, text, stream) => {
      if (isJsonObject(text)) write(`${text}\n`);
      else if (text.trim() !== "") emit(stream === "stderr" ? "error" : "info", source, text, { stream });
    },
  };
}

function isJsonObject(text: string): boolean {
  if (!text.startsWith("{")) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
