import { type ConfigOf, defineConfig, int, platformVariables } from "@tpx/service-kit";

/** Every variable the matching service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8084 }),
  MATCH_TOP_N: int({
    description: "Partners offered per match run when the request does not say (each becomes a lead).",
    default: "5",
    min: 1,
    max: 50,
  }),
  MATCH_TOP_N_MAX: int({
    description: "Largest number of partners one match run may offer.",
    default: "20",
    min: 1,
    max: 100,
  }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
