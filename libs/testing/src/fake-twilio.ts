import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface TwilioRequest {
  accountSid: string;
  authorization: string | undefined;
  form: Record<string, string>;
}

/**
 * A local server speaking Twilio's Messages API: POST /2010-04-01/Accounts/{sid}/Messages.json with a form body and
 * Basic auth, answering 201 with a message resource, or the error `answer` picks for that request.
 */
export async function startTwilioApi(
  t: { teardown(fn: () => unknown): void },
  answer: (index: number, form: Record<string, string>) => { status: number; code?: number } | undefined = () =>
    undefined,
) {
  const requests: TwilioRequest[] = [];
  const server = createServer((req, res) => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? "");
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method !== "POST" || !match) {
        res.statusCode = 404;
        return res.end(JSON.stringify({ code: 20404, message: "not found", status: 404 }));
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      const index = requests.length;
      requests.push({ accountSid: match[1]!, authorization: req.headers.authorization, form });
      const error = answer(index, form);
      if (error) {
        res.statusCode = error.status;
        return res.end(
          JSON.stringify({ code: error.code ?? error.status, message: "simulated error", status: error.status }),
        );
      }
      res.statusCode = 201;
      res.end(
        JSON.stringify({
          sid: `SM${String(index).padStart(32, "0")}`,
          status: "queued",
          to: form.To,
          from: form.From,
          body: form.Body,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}
