import { type ConfigOf, defineConfig, int, platformVariables, type Variable } from "@tpx/service-kit";
import { DEFAULT_SCORE_BADGES, parseScoreBadges, type ScoreBadgeThreshold } from "./domain/badges.ts";
import { DEFAULT_RESPONSES_NEEDED } from "./domain/pcr-formula.ts";

const scoreBadges: Variable<ScoreBadgeThreshold[]> = {
  description:
    "PCR badges as code:Label:min, comma-separated; a partner holds the highest one its score reaches (SPEC §4 badges)",
  default: DEFAULT_SCORE_BADGES,
  parse: parseScoreBadges,
};

/** Every variable the scoring service reads; the only place that looks at process.env. */
export const configSpec = defineConfig({
  ...platformVariables({ defaultPort: 8083 }),
  PCR_RESPONSES_NEEDED: int({
    description: "Responses a quarter needs before it becomes the PCR window (the seed's 5)",
    default: String(DEFAULT_RESPONSES_NEEDED),
    min: 1,
    max: 1000,
  }),
  PCR_BADGE_THRESHOLDS: scoreBadges,
  PCR_PROVISIONAL_MARGIN: int({
    description: "Half-width in points of the feedback 95% interval above which a PCR is shown as provisional",
    default: "10",
    min: 0,
    max: 100,
  }),
});

export type Config = ConfigOf<typeof configSpec.variables>;
