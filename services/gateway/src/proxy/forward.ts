import type { IncomingHttpHeaders } from "node:http";
import { type Readable, Transform } from "node:stream";
import { injectTraceContext } from "@tpx/observability";
import { HttpProblem, UpstreamError } from "@tpx/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Dispatcher } from "undici";
import type { Upstream } from "./upstreams.ts";

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus what we set ourselves. */
const NOT_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  // the refresh-token and CSRF cookies are the gateway's business only
  "cookie",
  "authorization",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-request-id",
  "traceparent",
  "tracestate",
]);
const NOT_RETURNED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "trailer",
  "upgrade",
  "proxy-connection",
]);
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
]);

export interface ForwardOptions {
  upstream: Upstream;
  /** Path and query on the service. */
  path: string;
  /** The Authorization to send: the caller's JWT, a JWT minted for an API key, or none. */
  authorization?: string | undefined;
  bodyLimit: number;
}

function requestHeaders(request: FastifyRequest, authorization: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers as IncomingHttpHeaders)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  if (authorization) headers.authorization = authorization;
  headers["x-request-id"] = request.id;
  headers["x-forwarded-for"] = forwardedFor(request);
  headers["x-forwarded-proto"] = request.protocol;
  headers["x-forwarded-host"] = request.host;
  // the gateway's own span becomes the parent; without a tracer the caller's context passes through unchanged
  const trace = injectTraceContext();
  const traceparent = trace.traceparent ?? request.headers.traceparent;
  const tracestate = trace.tracestate ?? request.headers.tracestate;
  if (typeof traceparent === "string") headers.traceparent = traceparent;
  if (typeof tracestate === "string") headers.tracestate = tracestate;
  return headers;
}

/** The trusted chain only: entries a client wrote itself beyond the trusted proxies are dropped (request.ips). */
function forwardedFor(request: FastifyRequest): string {
  const chain = request.ips && request.ips.length > 0 ? [...request.ips].reverse() : [request.ip];
  return chain.join(", ");
}

function limitedBody(request: FastifyRequest, limit: number): Readable | undefined {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limit)
    throw new HttpProblem(413, "BODY_TOO_LARGE", "Payload too large", `Bodies are limited to ${limit} bytes.`);
  if (!request.headers["content-length"] && !request.headers["transfer-encoding"]) return undefined;
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit)
        callback(new HttpProblem(413, "BODY_TOO_LARGE", "Payload too large", `Bodies are limited to ${limit} bytes.`));
      else callback(null, chunk);
    },
  });
  return ((request.body as Readable | undefined) ?? request.raw).pipe(counter);
}

function toProblem(error: unknown, upstream: Upstream): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const code = (error as { code?: string }).code ?? "";
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new HttpProblem(
      504,
      "UPSTREAM_TIMEOUT",
      "Gateway timeout",
      `The ${upstream.service} service did not answer in time.`,
    );
  }
  if (UNAVAILABLE_CODES.has(code)) return new UpstreamError(`The ${upstream.service} service is unavailable.`);
  return new UpstreamError(`The ${upstream.service} service could not be reached.`);
}

/** Sends the request on to the service over its keep-alive pool and streams the answer back. */
export async function forward(
  request: FastifyRequest,
  reply: FastifyReply,
  options: ForwardOptions,
): Promise<FastifyReply> {
  const { upstream } = options;
  const headers = requestHeaders(request, options.authorization);
  const method = request.method as Dispatcher.HttpMethod;
  const idempotent = method === "GET" || method === "HEAD";
  let response: Dispatcher.ResponseData;
  try {
    const body = limitedBody(request, options.bodyLimit);
    try {
      response = await upstream.pool.request({ path: options.path, method, headers, body: body ?? null });
    } catch (error) {
      // a keep-alive socket the service closed just now: one retry is safe for reads
      const code = (error as { code?: string }).code;
      if (!idempotent || (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET")) throw error;
      response = await upstream.pool.request({ path: options.path, method, headers });
    }
  } catch (error) {
    throw toProblem(error, upstream);
  }
  reply.code(response.statusCode);
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || NOT_RETURNED.has(name) || name === "x-request-id") continue;
    reply.header(name, value);
  }
  return reply.send(response.body);
}
