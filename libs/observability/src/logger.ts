import { context, trace } from "@opentelemetry/api";
import { type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

/** One list of what never reaches a log line. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "email",
  "*.email",
  "phone",
  "*.phone",
];

export interface LoggerSettings {
  service: string;
  level?: string;
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/** Adds the active trace and span ids to every line, so logs join up with traces. */
function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? "info",
    base: { service: settings.service },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    mixin: traceFields,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (settings.pretty) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service" },
      },
    });
  }
  return settings.destination ? pino(options, settings.destination as pino.DestinationStream) : pino(options);
}
