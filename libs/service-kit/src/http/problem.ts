import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "./errors.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problemBody(problem: HttpProblem, instance?: string): ProblemBody {
  return {
    type: `https://tpx.dev/problems/${problem.code.toLowerCase().replaceAll("_", "-")}`,
    title: problem.message,
    status: problem.statusCode,
    code: problem.code,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(instance === undefined ? {} : { instance }),
    ...problem.extensions,
  };
}

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  return reply.status(problem.statusCode).type(PROBLEM_CONTENT_TYPE).send(problemBody(problem, reply.request.url));
}

/** Maps fastify's own client errors (schema validation, bad JSON, too large, wrong media type) to problems. */
function fromFastifyError(error: FastifyError): HttpProblem | undefined {
  if (error.validation) {
    const errors = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
      const missing = (issue.params as { missingProperty?: string }).missingProperty;
      const extra = (issue.params as { additionalProperty?: string }).additionalProperty;
      const field = [error.validationContext, path, missing ?? extra].filter(Boolean).join(".");
      return { field, message: extra ? "is not allowed" : (issue.message ?? "is invalid") };
    });
    return new HttpProblem(400, "VALIDATION_FAILED", "Invalid request", "The request has invalid fields.", { errors });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = (error.code ?? "BAD_REQUEST").replace(/^FST_ERR_/, "");
    return new HttpProblem(status, code, "Bad request", error.message);
  }
  return undefined;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem = error instanceof HttpProblem ? error : fromFastifyError(error);
  if (problem && problem.statusCode < 500) return sendProblem(reply, problem);
  if (problem) {
    request.log.warn({ err: error }, "request failed upstream");
    return sendProblem(reply, problem);
  }
  request.log.error({ err: error }, "request failed");
  return sendProblem(reply, new HttpProblem(500, "INTERNAL", "Internal error", "Something went wrong on our side."));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    reply,
    new HttpProblem(404, "ROUTE_NOT_FOUND", "Not found", `No route ${request.method} ${request.url}.`),
  );
}
