import { PaymentTierSchema } from "../../gen/tpx/events/v1/common_pb.ts";
import {
  MomentumSchema,
  type PcrBreakdown,
  type PcrConfidence,
  PcrStatus,
  PcrStatusSchema,
  PcrTriggerSchema,
  type PcrUpdated,
  PcrUpdatedSchema,
} from "../../gen/tpx/events/v1/scoring_pb.ts";
import { defineEvent } from "../define-event.ts";
import type { PayloadCheck } from "../payload-check.ts";
import { checkBadges } from "./badges.ts";

function checkBreakdown(check: PayloadCheck, breakdown: PcrBreakdown): void {
  check.range("breakdown.profileScore", breakdown.profileScore, 0, 100);
  check.range("breakdown.feedbackScore", breakdown.feedbackScore, 0, 100);
  check.range("breakdown.baseScore", breakdown.baseScore, 0, 100);
  check.enumValue("breakdown.paymentTier", breakdown.paymentTier, PaymentTierSchema);
  if (!(breakdown.paymentMultiplier > 0)) check.fail("breakdown.paymentMultiplier must be positive");
  check.enumValue("breakdown.momentum", breakdown.momentum, MomentumSchema);
  check.range("breakdown.finalScore", breakdown.finalScore, 0, 100);
  if ((breakdown.previousQuarter === undefined) !== (breakdown.previousFeedbackScore === undefined)) {
    check.fail("breakdown.previousQuarter and breakdown.previousFeedbackScore come together");
  }
  if (breakdown.previousQuarter !== undefined) check.quarter("breakdown.previousQuarter", breakdown.previousQuarter);
}

/** Confidence sits beside a scored PCR: an interval around it, never a different number. */
function checkConfidence(check: PayloadCheck, confidence: PcrConfidence, score: number | undefined): void {
  check.range("confidence.low", confidence.low, 0, 100);
  check.range("confidence.high", confidence.high, 0, 100);
  check.range("confidence.feedbackLow", confidence.feedbackLow, 0, 100);
  check.range("confidence.feedbackHigh", confidence.feedbackHigh, 0, 100);
  if (confidence.low > confidence.high) check.fail("confidence.low must not exceed confidence.high");
  if (confidence.feedbackLow > confidence.feedbackHigh) {
    check.fail("confidence.feedbackLow must not exceed confidence.feedbackHigh");
  }
  if (score !== undefined && (score < confidence.low || score > confidence.high)) {
    check.fail("confidence interval must contain score");
  }
}

/** Scored: a 2-decimal score explained by a breakdown from a qualifying window. */
function checkScored(check: PayloadCheck, data: PcrUpdated): void {
  if (data.score === undefined) check.fail("score is required when status is PCR_STATUS_SCORED");
  else {
    check.range("score", data.score, 0, 100);
    check.twoDecimals("score", data.score);
  }
  if (data.breakdown === undefined) check.fail("breakdown is required when status is PCR_STATUS_SCORED");
  else {
    checkBreakdown(check, data.breakdown);
    if (data.score !== undefined && data.breakdown.finalScore !== data.score) {
      check.fail("breakdown.finalScore must equal score");
    }
  }
  if (data.window && data.window.responseCount < data.window.responsesNeeded) {
    check.fail("window.responseCount must reach window.responsesNeeded when scored");
  }
  if (data.confidence !== undefined) checkConfidence(check, data.confidence, data.score);
}

/** Pending: no score yet, "n of 5 responses". */
function checkPending(check: PayloadCheck, data: PcrUpdated): void {
  if (data.score !== undefined) check.fail("score must be absent when status is PCR_STATUS_PENDING");
  if (data.breakdown !== undefined) check.fail("breakdown must be absent when status is PCR_STATUS_PENDING");
  if (data.confidence !== undefined) check.fail("confidence must be absent when status is PCR_STATUS_PENDING");
  if (data.window && data.window.responseCount >= data.window.responsesNeeded) {
    check.fail("window.responseCount must be below window.responsesNeeded when pending");
  }
}

export const pcrUpdatedV1 = defineEvent({
  type: "pcr.updated",
  version: 1,
  producer: "scoring",
  description: "Scoring computed a partner's PowerConfidence Rating, with its full breakdown.",
  schema: PcrUpdatedSchema,
  check(data, check) {
    check.required("partnerId", data.partnerId);
    check.enumValue("status", data.status, PcrStatusSchema);
    if (data.previousScore !== undefined) check.range("previousScore", data.previousScore, 0, 100);
    checkBadges(check, "badges", data.badges);
    if (data.window === undefined) check.fail("window is required");
    else {
      check.quarter("window.quarter", data.window.quarter);
      check.atLeast("window.responsesNeeded", data.window.responsesNeeded, 1);
    }
    check.timestamp("computedAt", data.computedAt);
    check.enumValue("trigger", data.trigger, PcrTriggerSchema);
    check.atLeast("revision", data.revision, 1);
    if (data.status === PcrStatus.SCORED) checkScored(check, data);
    if (data.status === PcrStatus.PENDING) checkPending(check, data);
  },
});
