import { Counter } from "prom-client";
import type { ServicePlatform } from "../app.ts";
import type { Config } from "../config.ts";
import type { ScoringDeps } from "./deps.ts";

export function createScoringDeps(platform: ServicePlatform, config: Config): ScoringDeps {
  return {
    outbox: platform.outbox,
    settings: {
      responsesNeeded: config.PCR_RESPONSES_NEEDED,
      scoreBadges: config.PCR_BADGE_THRESHOLDS,
      provisionalMargin: config.PCR_PROVISIONAL_MARGIN,
    },
    now: () => new Date(),
    recomputes: new Counter({
      name: "tpx_pcr_recomputes_total",
      help: "PCR recomputations by trigger",
      labelNames: ["trigger"] as const,
      registers: [platform.metrics],
    }),
  };
}
