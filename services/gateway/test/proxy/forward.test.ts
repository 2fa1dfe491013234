import http from "node:http";
import { Readable } from "node:stream";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { startStandIn } from "../support/stand-in.ts";

const BIG = "x".repeat(200 * 1024);

/** Over real sockets: buffered and streamed answers, chunked bodies both ways, callers that go away. */
t.test("the proxy hop over HTTP", async (t) => {
  let streamClosed = false;
  let lastBody = "";
  const scoring = await startStandIn(t, (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
    app.get("/small", async (_request, reply) => reply.header("x-request-id", "upstream-id").send({ ok: true }));
    app.get("/big", async (_request, reply) => reply.type("text/plain").send(BIG));
    app.get("/chunked", async (_request, reply) =>
      reply.type("text/plain").send(Readable.from(["alpha-", "beta-", "gamma"], { objectMode: false })),
    );
    app.get("/endless", async (request, reply) => {
      request.raw.on("close", () => {
        streamClosed = true;
      });
      let n = 0;
      const endless = new Readable({
        read() {
          setTimeout(() => this.push(`line ${n++}\n`), 5);
        },
      });
      return reply.type("text/plain").send(endless);
    });
    app.get("/empty", async (_request, reply) => reply.code(204).send());
    app.post("/echo", async (request, reply) => {
      lastBody = String(request.body);
      return reply.code(201).type("text/plain").send(`got ${lastBody.length}`);
    });
  });
  const { app } = await startGateway(t, { env: { SCORING_URL: scoring.url, BODY_LIMIT_BYTES: "4096" } });
  const base = `${await app.listen({ host: "127.0.0.1", port: 0 })}/api/scoring`;

  t.test("a small answer comes back whole, with the gateway's request id and headers", async (t) => {
    const response = await fetch(`${base}/small`, { headers: { "x-request-id": "caller-id" } });
    t.equal(response.status, 200);
    t.same(await response.json(), { ok: true });
    t.equal(response.headers.get("x-request-id"), "caller-id");
    t.equal(response.headers.get("content-length"), String(JSON.stringify({ ok: true }).length));
    t.equal(response.headers.get("x-content-type-options"), "nosniff");
    t.ok(response.headers.get("x-ratelimit-limit"), "the request was counted");
  });

  t.test("a large answer is streamed through intact", async (t) => {
    const response = await fetch(`${base}/big`);
    t.equal(response.status, 200);
    t.equal((await response.text()).length, BIG.length);
  });

  t.test("an answer without a length is streamed through intact", async (t) => {
    const response = await fetch(`${base}/chunked`);
    t.equal(await response.text(), "alpha-beta-gamma");
  });

  t.test("HEAD and 204 answers carry no body", async (t) => {
    const head = await fetch(`${base}/small`, { method: "HEAD" });
    t.equal(head.status, 200);
    t.equal(await head.text(), "");
    const empty = await fetch(`${base}/empty`);
    t.equal(empty.status, 204);
    t.equal(await empty.text(), "");
  });

  t.test("a chunked request body goes through within the limit and is refused beyond it", async (t) => {
    const chunked = (size: number) =>
      fetch(`${base}/echo`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: Readable.toWeb(Readable.from([Buffer.alloc(size / 2, "a"), Buffer.alloc(size / 2, "b")])),
        duplex: "half",
      } as RequestInit);
    const within = await chunked(2048);
    t.equal(within.status, 201);
    t.equal(await within.text(), "got 2048");
    const beyond = await chunked(8192);
    t.equal(beyond.status, 413);
    t.equal(((await beyond.json()) as { code: string }).code, "BODY_TOO_LARGE");
  });

  t.test("a caller that goes away mid-answer releases the service's connection", async (t) => {
    await new Promise<void>((resolve, reject) => {
      const request = http.get(`${base}/endless`, (response) =>
        response.once("data", () => {
          request.destroy(); // the caller's socket closes after the first bytes
          resolve();
        }),
      );
      request.once("error", reject);
    });
    t.ok(await waitFor(() => streamClosed, { timeoutMs: 3_000, description: "the service's stream closed" }));
  });
});
