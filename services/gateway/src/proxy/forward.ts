import type { IncomingHttpHeaders } from "node:http";
import { Readable, Transform } from "node:stream";
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
  "x-request-id",
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
/**
 * Answers up to this size (by Content-Length) are collected and sent with one write; larger or unsized ones are
 * streamed through with backpressure. Small JSON is what almost every call returns, and a stream per response
 * (undici's body Readable, a pipe, chunked writes) costs more than the copy.
 */
const BUFFERED_RESPONSE_MAX = 64 * 1024;

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
  const incoming = request.headers;
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    headers[name] = typeof value === "string" ? value : value.join(", ");
  }
  if (authorization) headers.authorization = authorization;
  headers["x-request-id"] = request.id;
  headers["x-forwarded-for"] = forwardedFor(request);
  headers["x-forwarded-proto"] = request.protocol;
  headers["x-forwarded-host"] = request.host;
  // the gateway's own span becomes the parent; without a tracer the caller's context passes through unchanged
  const trace = injectTraceContext();
  const traceparent = trace.traceparent ?? incoming.traceparent;
  const tracestate = trace.tracestate ?? incoming.tracestate;
  if (typeof traceparent === "string") headers.traceparent = traceparent;
  if (typeof tracestate === "string") headers.tracestate = tracestate;
  return headers;
}

/** The trusted chain only: entries a client wrote itself beyond the trusted proxies are dropped (request.ips). */
function forwardedFor(request: FastifyRequest): string {
  const ips = request.ips;
  if (!ips || ips.length <= 1) return request.ip;
  return [...ips].reverse().join(", ");
}

function tooLarge(limit: number): HttpProblem {
  return new HttpProblem(413, "BODY_TOO_LARGE", "Payload too large", `Bodies are limited to ${limit} bytes.`);
}

/**
 * The request body as it goes on: none for reads, the payload stream itself when its Content-Length is within the
 * limit (node's parser never hands over more than that), and a counting stream that stops at the limit for chunked
 * bodies.
 */
function requestBody(request: FastifyRequest, limit: number): Readable | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const declared = request.headers["content-length"];
  const payload = (request.body as Readable | undefined) ?? request.raw;
  if (declared !== undefined) {
    if (Number(declared) > limit) throw tooLarge(limit);
    return Number(declared) === 0 ? null : payload;
  }
  if (!request.headers["transfer-encoding"]) return null;
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
  return payload.pipe(counter);
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

function copyResponseHeaders(reply: FastifyReply, headers: IncomingHttpHeaders): void {
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || NOT_RETURNED.has(name)) continue;
    reply.header(name, value);
  }
}

/**
 * One proxied exchange on undici's dispatcher API: the answer goes straight into the fastify reply, collected when
 * small, streamed when large, without the intermediate body stream and promises `pool.request` would build.
 */
class ReplyHandler implements Dispatcher.DispatchHandler {
  private readonly reply: FastifyReply;
  private readonly upstream: Upstream;
  private readonly options: Dispatcher.DispatchOptions;
  private readonly retried: boolean;
  private chunks: Buffer[] | undefined;
  private stream: Readable | undefined;
  private ended = false;
  private statusCode = 0;
  private headers: IncomingHttpHeaders = {};

  constructor(reply: FastifyReply, upstream: Upstream, options: Dispatcher.DispatchOptions, retried: boolean) {
    this.reply = reply;
    this.upstream = upstream;
    this.options = options;
    this.retried = retried;
  }

  onRequestStart(): void {
    this.chunks = undefined;
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // 1xx informational: the final answer follows
    this.statusCode = statusCode;
    this.headers = headers;
    const length = headers["content-length"];
    const bodiless = statusCode === 204 || statusCode === 304 || this.options.method === "HEAD";
    if (bodiless || (typeof length === "string" && Number(length) <= BUFFERED_RESPONSE_MAX)) {
      this.chunks = [];
      return;
    }
    this.stream = new Readable({
      read: () => controller.resume(),
      // the caller went away mid-answer: stop reading from the service instead of holding its connection
      destroy: (error, callback) => {
        if (!this.ended) controller.abort(error ?? new Error("the client closed the connection"));
        callback(error);
      },
    });
    this.send(this.stream);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.chunks) this.chunks.push(chunk);
    else if (this.stream && !this.stream.push(chunk)) controller.pause();
  }

  onResponseEnd(): void {
    this.ended = true;
    if (this.stream) {
      this.stream.push(null);
      return;
    }
    const chunks = this.chunks ?? [];
    this.send(chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.ended = true;
    if (this.stream) {
      this.stream.destroy(error);
      return;
    }
    // a keep-alive socket the service closed just now: one retry is safe for reads
    const code = (error as { code?: string }).code;
    const idempotent = this.options.method === "GET" || this.options.method === "HEAD";
    if (!this.retried && idempotent && (code === "ECONNRESET" || code === "UND_ERR_SOCKET")) {
      this.upstream.pool.dispatch(this.options, new ReplyHandler(this.reply, this.upstream, this.options, true));
      return;
    }
    // the rest of the caller's body may never be read (over the limit, the service gone): end the connection with
    // this answer rather than leave it waiting for a body nobody consumes
    if (this.options.body) this.reply.header("connection", "close");
    this.reply.send(toProblem(error, this.upstream));
  }

  private send(payload: Buffer | Readable | undefined): void {
    const reply = this.reply;
    reply.code(this.statusCode);
    copyResponseHeaders(reply, this.headers);
    reply.send(payload);
  }
}

/**
 * Sends the request on to the service over its keep-alive pool; the answer, or the problem if the service cannot
 * be reached, is sent on the reply (callback style: no promise per call for the async hooks to track).
 */
export function forward(request: FastifyRequest, reply: FastifyReply, options: ForwardOptions): void {
  const { upstream } = options;
  let dispatchOptions: Dispatcher.DispatchOptions;
  try {
    dispatchOptions = {
      path: options.path,
      method: request.method as Dispatcher.HttpMethod,
      headers: requestHeaders(request, options.authorization),
      body: requestBody(request, options.bodyLimit),
    };
  } catch (error) {
    reply.header("connection", "close"); // a body refused unread
    reply.send(toProblem(error, upstream));
    return;
  }
  upstream.pool.dispatch(dispatchOptions, new ReplyHandler(reply, upstream, dispatchOptions, false));
}
