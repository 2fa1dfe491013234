import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface ConnectionCloser {
  /** From now on every request in flight closes its connection once answered. Call it before `app.close()`. */
  closeAfterResponses(): void;
}

/**
 * `server.close()` ends idle keep-alive connections at once, but a connection whose request is in flight stays open
 * after its response for the server's keepAliveTimeout (fastify: 72 s), and a client such as fetch keeps it for as
 * long: shutdown would wait that long for `close()`. Tracked here from the start, the requests in flight when shutdown
 * begins answer with `Connection: close` (or, when their headers are already out, have their connection ended once
 * they finish). Requests arriving later get fastify's 503 with `Connection: close`.
 */
export function trackConnections(server: Server): ConnectionCloser {
  const inFlight = new Set<ServerResponse>();
  const closeAfter = (response: ServerResponse) => {
    if (!response.headersSent) {
      response.shouldKeepAlive = false;
      return;
    }
    const socket = response.socket;
    if (response.writableFinished) socket?.end();
    else response.once("finish", () => socket?.end());
  };
  let closing = false;
  server.on("request", (_request: IncomingMessage, response: ServerResponse) => {
    if (closing) {
      closeAfter(response);
      return;
    }
    inFlight.add(response);
    response.once("close", () => inFlight.delete(response));
  });
  return {
    closeAfterResponses() {
      closing = true;
      for (const response of inFlight) closeAfter(response);
      inFlight.clear();
    },
  };
}
