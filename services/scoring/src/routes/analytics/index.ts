import { type HttpServer, requireRole } from "@tpx/service-kit";
import type { Db } from "../../db.ts";
import { getBenchmarks } from "../../usecases/get-benchmarks.ts";
import { getCategoryAverages } from "../../usecases/get-category-averages.ts";
import { getCurrentScore } from "../../usecases/get-current-score.ts";
import { getFeedbackSummary } from "../../usecases/get-feedback-summary.ts";
import { getScoreHistory } from "../../usecases/get-score-history.ts";
import { assertCanRead } from "./access.ts";
import {
  BenchmarksReply,
  CategoriesQuery,
  CategoriesReply,
  CurrentScoreReply,
  FeedbackReply,
  HistoryQuery,
  HistoryReply,
  PartnerParams,
} from "./schemas.ts";

const reader = requireRole("admin", "partner");

/** Portal analytics of one partner: for the partner's own users and admins. */
export function registerAnalyticsRoutes(app: HttpServer, db: Db): void {
  app.get(
    "/partners/:partnerId/score",
    { preHandler: reader, schema: { params: PartnerParams, response: { 200: CurrentScoreReply } } },
    async (request) => {
      assertCanRead(request, request.params.partnerId);
      return getCurrentScore(db, request.params.partnerId);
    },
  );
  app.get(
    "/partners/:partnerId/history",
    {
      preHandler: reader,
      schema: { params: PartnerParams, querystring: HistoryQuery, response: { 200: HistoryReply } },
    },
    async (request) => {
      assertCanRead(request, request.params.partnerId);
      const { limit = 50, beforeRevision } = request.query;
      return getScoreHistory(db, request.params.partnerId, {
        limit,
        ...(beforeRevision ? { beforeRevision } : {}),
      });
    },
  );
  app.get(
    "/partners/:partnerId/categories",
    {
      preHandler: reader,
      schema: { params: PartnerParams, querystring: CategoriesQuery, response: { 200: CategoriesReply } },
    },
    async (request) => {
      assertCanRead(request, request.params.partnerId);
      return getCategoryAverages(db, request.params.partnerId, request.query);
    },
  );
  app.get(
    "/partners/:partnerId/feedback",
    { preHandler: reader, schema: { params: PartnerParams, response: { 200: FeedbackReply } } },
    async (request) => {
      assertCanRead(request, request.params.partnerId);
      return getFeedbackSummary(db, request.params.partnerId);
    },
  );
  app.get(
    "/partners/:partnerId/benchmarks",
    { preHandler: reader, schema: { params: PartnerParams, response: { 200: BenchmarksReply } } },
    async (request) => {
      assertCanRead(request, request.params.partnerId);
      return getBenchmarks(db, request.params.partnerId);
    },
  );
}
