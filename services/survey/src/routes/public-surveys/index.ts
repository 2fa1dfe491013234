import type { HttpServer } from "@tpx/service-kit";
import type { SurveyDeps } from "../../deps.ts";
import { getSurvey } from "../../usecases/get-survey.ts";
import { optOut } from "../../usecases/opt-out.ts";
import { submitResponse } from "../../usecases/submit-response.ts";
import { applyPrivateHeaders } from "../private-headers.ts";
import { SubmitBody, SubmitResponse, SurveyResponse, TokenParams } from "./schemas.ts";

/** Public JSON API of a survey link (no authentication: the token is the credential). */
export function registerPublicSurveyRoutes(app: HttpServer, deps: SurveyDeps): void {
  app.register(async (scope) => {
    applyPrivateHeaders(scope);
    const routes = scope as unknown as HttpServer;
    routes.get(
      "/public/surveys/:token",
      { schema: { params: TokenParams, response: { 200: SurveyResponse } } },
      async (request) => getSurvey(deps, request.params.token),
    );
    routes.post(
      "/public/surveys/:token/responses",
      { schema: { params: TokenParams, body: SubmitBody, response: { 200: SubmitResponse, 201: SubmitResponse } } },
      async (request, reply) => {
        const result = await submitResponse(deps, { token: request.params.token, ...request.body });
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );
    routes.post("/public/surveys/:token/opt-out", { schema: { params: TokenParams } }, async (request, reply) => {
      await optOut(deps, request.params.token);
      return reply.status(204).send();
    });
  });
}
