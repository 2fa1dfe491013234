import { type ConfigOf, defineConfig, platformVariables } from "@tpx/service-kit";

/** Every variable the notification service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8085 }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
