export * from "./define-config.ts";
export * from "./platform-variables.ts";
export * from "./variables.ts";
