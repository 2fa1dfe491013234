import { randomUUID } from "node:crypto";
import { Type } from "@sinclair/typebox";
import { HttpProblem, type HttpServer, ValidationError } from "@tpx/service-kit";
import type { FastifyReply } from "fastify";
import type { SurveyDeps } from "../../deps.ts";
import { answersFromForm } from "../../domain/form-answers.ts";
import { findSurveyByToken } from "../../repositories/survey-link.repository.ts";
import { getSurvey } from "../../usecases/get-survey.ts";
import { optOut } from "../../usecases/opt-out.ts";
import { submitResponse } from "../../usecases/submit-response.ts";
import { errorPage, optedOutPage, thankYouPage } from "../../views/message-pages.ts";
import { surveyFormPage } from "../../views/survey-form.ts";
import { applyPrivateHeaders } from "../private-headers.ts";
import { TokenParams } from "../public-surveys/schemas.ts";

const FORM_LIMIT = 64 * 1024;
const FormBody = Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 8000 }));
/** Nothing but our own inline styles and a same-origin form post. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function sendPage(reply: FastifyReply, status: number, page: string) {
  return reply.status(status).header("content-security-policy", CSP).type("text/html; charset=utf-8").send(page);
}

/** Problems become pages a person can read; anything unexpected is logged and shown as a generic apology. */
function sendProblemPage(reply: FastifyReply, error: unknown) {
  if (error instanceof HttpProblem && error.statusCode < 500)
    return sendPage(reply, error.statusCode, errorPage(error.code));
  reply.request.log.error({ err: error }, "survey page failed");
  return sendPage(reply, 500, errorPage("INTERNAL"));
}

/**
 * The server-rendered survey page `/s/{token}` (proxied by the gateway): GET shows the form and never uses the link
 * up; POST is a plain form post (no JavaScript needed) answered with a thank-you page, the form again with its
 * errors, or a clear error page.
 */
export function registerSurveyPageRoutes(app: HttpServer, deps: SurveyDeps): void {
  app.register(async (scope) => {
    applyPrivateHeaders(scope);
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: FORM_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const routes = scope as unknown as HttpServer;

    routes.get("/s/:token", { schema: { params: TokenParams } }, async (request, reply) => {
      try {
        const survey = await getSurvey(deps, request.params.token);
        const page = surveyFormPage({
          token: request.params.token,
          partnerName: survey.partnerName,
          audience: survey.audience,
          expiresAt: survey.expiresAt,
          questions: survey.template.questions,
          submissionId: randomUUID(),
          values: {},
          problems: [],
        });
        return sendPage(reply, 200, page);
      } catch (error) {
        return sendProblemPage(reply, error);
      }
    });

    routes.post("/s/:token", { schema: { params: TokenParams, body: FormBody } }, async (request, reply) => {
      const form = request.body;
      const token = request.params.token;
      try {
        const survey = await findSurveyByToken(deps.db, token);
        const submissionId = /^[0-9a-f-]{36}$/i.test(form.submissionId ?? "") ? form.submissionId! : randomUUID();
        try {
          await submitResponse(deps, {
            token,
            submissionId,
            answers: answersFromForm(survey.template.questions, form),
            comment: form.comment,
            consentToPublish: form.consent === "yes",
          });
          return sendPage(reply, 200, thankYouPage(survey.partnerName));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const problems = (error.extensions.errors ?? []) as { field: string; message: string }[];
          const page = surveyFormPage({
            token,
            partnerName: survey.partnerName,
            audience: survey.audience,
            expiresAt: survey.expiresAt,
            questions: survey.template.questions,
            submissionId,
            values: form,
            problems,
          });
          return sendPage(reply, 400, page);
        }
      } catch (error) {
        return sendProblemPage(reply, error);
      }
    });

    routes.post("/s/:token/opt-out", { schema: { params: TokenParams } }, async (request, reply) => {
      try {
        await optOut(deps, request.params.token);
        return sendPage(reply, 200, optedOutPage());
      } catch (error) {
        return sendProblemPage(reply, error);
      }
    });
  });
}
