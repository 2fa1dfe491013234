import { type ConfigOf, defineConfig, platformVariables } from "@tpx/service-kit";

/** Every variable the partner service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8081 }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
