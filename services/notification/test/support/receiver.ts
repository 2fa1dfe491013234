import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook endpoint whose answer the test controls (`status` may change over time). */
export async function startReceiver(t: { teardown(fn: () => unknown): void }, initialStatus = 200) {
  const received: ReceivedWebhook[] = [];
  const state: { status: number; location?: string } = { status: initialStatus };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      res.statusCode = state.status;
      if (state.location) res.setHeader("location", state.location);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, state };
}
