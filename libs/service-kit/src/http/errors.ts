/**
 * The few named errors use cases throw. The error handler turns them into RFC 9457 problem+json with their own
 * status; anything else is a 500 whose details stay in the log.
 */
export class HttpProblem extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(
    statusCode: number,
    code: string,
    title: string,
    detail?: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(title);
    this.statusCode = statusCode;
    this.code = code;
    this.detail = detail;
    this.extensions = extensions;
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export class ValidationError extends HttpProblem {
  override name = "ValidationError";
  constructor(errors: FieldError[], detail = "The request has invalid fields.") {
    super(400, "VALIDATION_FAILED", "Invalid request", detail, { errors });
  }
}

export class NotFoundError extends HttpProblem {
  override name = "NotFoundError";
  constructor(what: string) {
    super(404, "NOT_FOUND", "Not found", `${what} was not found.`);
  }
}

export class ConflictError extends HttpProblem {
  override name = "ConflictError";
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(409, code, "Conflict", detail, extensions);
  }
}

export class UnauthorizedError extends HttpProblem {
  override name = "UnauthorizedError";
  constructor(detail = "Authentication is required.") {
    super(401, "UNAUTHENTICATED", "Unauthorized", detail);
  }
}

export class ForbiddenError extends HttpProblem {
  override name = "ForbiddenError";
  constructor(detail = "You are not allowed to do this.") {
    super(403, "FORBIDDEN", "Forbidden", detail);
  }
}

export class UpstreamError extends HttpProblem {
  override name = "UpstreamError";
  constructor(detail: string) {
    super(503, "UPSTREAM_UNAVAILABLE", "Service unavailable", detail);
  }
}
