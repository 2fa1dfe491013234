export * from "./connection.ts";
export * from "./consumer.ts";
export * from "./consumer-runner.ts";
export * from "./dead-letters.ts";
export * from "./outbox.ts";
export * from "./outbox-relay.ts";
export * from "./streams.ts";
export * from "./trace-headers.ts";
