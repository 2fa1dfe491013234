import { type ConfigOf, defineConfig, platformVariables } from "@tpx/service-kit";

/** Every variable the matching service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8084 }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
