import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { isBlockedAddress } from "../domain/blocked-addresses.ts";
import { BlockedTargetError, guardedLookup, hostOf } from "./safe-target.ts";

export interface PostResult {
  /** HTTP status; undefined when no answer came (refused, timed out, blocked). */
  status: number | undefined;
  durationMs: number;
  /** Delay the endpoint asked for with Retry-After (seconds form), if any. */
  retryAfterMs: number | undefined;
  error: string | undefined;
}

/**
 * POSTs a webhook: internal targets refused after DNS resolution, redirects never followed (a 3xx is just a failed
 * attempt), a hard time limit, the answer's body read and thrown away.
 */
export function safePost(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target);
  const host = hostOf(url);
  if (!options.allowPrivate && isIP(host) && isBlockedAddress(host)) {
    return Promise.resolve({
      status: undefined,
      durationMs: 0,
      retryAfterMs: undefined,
      error: `${host} is an internal address`,
    });
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    // A whole-request limit, not just socket idleness: an endpoint dripping bytes cannot hold the worker.
    const timer = setTimeout(() => req.destroy(new Error(`timeout after ${options.timeoutMs} ms`)), options.timeoutMs);
    const finish = (result: PostResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(options.allowPrivate),
        agent: false,
      },
      (res) => {
        res.resume();
        const done = () => {
          const retryAfter = Number(res.headers["retry-after"]);
          finish({
            status: res.statusCode,
            durationMs: elapsed(),
            retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
            error: undefined,
          });
        };
        res.on("end", done);
        res.on("error", done);
      },
    );
    req.on("error", (error) => {
      const message = error instanceof BlockedTargetError ? error.message : error.message || String(error);
      finish({ status: undefined, durationMs: elapsed(), retryAfterMs: undefined, error: message });
    });
    req.end(body);
  });
}
