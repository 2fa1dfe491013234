// `serve`'s shutdown is prompt at any moment after start, also in the first seconds (when `npm start` stops every
// service because another one failed): a request in flight gets its answer and its connection closes instead of
// being kept alive for 72 s, and consumers holding a backlog finish only the batch in hand. Either used to push a
// service past SHUTDOWN_TIMEOUT_MS ("graceful shutdown timed out", exit 1).
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createEnvelope, partnerRegisteredV1, subjectFor, timestampNow } from "@tpx/contracts";
import { defineConsumer } from "@tpx/messaging";
import { createTestService, waitFor } from "@tpx/testing";
import t, { type Test } from "tap";
import { createDb, disconnectDb, type Tx } from "../../../../services/scoring/src/db.ts";
import { buildPlatformServer, serve } from "../../src/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../../services/scoring/prisma/migrations", import.meta.url));
/** Far below SHUTDOWN_TIMEOUT_MS (25 s), far above what a prompt shutdown takes. */
const PROMPT_MS = 3_000;

function startScoringPlatform(t: Test) {
  return createTestService(t, { service: "scoring", migrationsDir, createDb, disconnectDb });
}

/** Resolves with how long `shutdown` took, or fails the test if it is not done within PROMPT_MS. */
async function timedShutdown(t: Test, shutdown: () => Promise<void>): Promise<number> {
  const startedAt = Date.now();
  const done = await Promise.race([shutdown().then(() => true), sleep(PROMPT_MS * 3, false, { ref: false })]);
  const ms = Date.now() - startedAt;
  t.ok(done && ms < PROMPT_MS, `shut down in ${ms} ms`);
  return ms;
}

t.test("right after start, a request in flight is answered and its connection closed", async (t) => {
  const { platform } = await startScoringPlatform(t);
  const app = buildPlatformServer(platform);
  app.get("/slow", async () => {
    await sleep(300);
    return { ok: true };
  });
  const running = await serve(platform, app, { handleSignals: false });
  // fetch keeps its connection alive for as long as the server's Keep-Alive header allows (72 s).
  const answer = fetch(`${running.url}/slow`).then(async (response) => ({
    status: response.status,
    connection: response.headers.get("connection"),
    body: await response.json(),
  }));
  await sleep(50);
  await timedShutdown(t, () => running.shutdown("test"));
  t.match(await answer, { status: 200, connection: "close", body: { ok: true } }, "the request got its answer");
});

t.test("right after start, consumers holding a backlog stop after the batch in hand", async (t) => {
  const { platform, namespace } = await startScoringPlatform(t);
  let handled = 0;
  platform.consumers.add(
    defineConsumer<Tx, unknown>({
      contract: partnerRegisteredV1,
      async handle() {
        await sleep(25);
        handled += 1;
      },
    }),
  );
  const contract = partnerRegisteredV1;
  for (let index = 0; index < 300; index++) {
    const envelope = createEnvelope({
      source: "tpx/partner",
      type: contract.type,
      dataschema: contract.dataschema,
      data: contract.encode(
        contract.create({
          partnerId: `p-${index}`,
          slug: `p-${index}`,
          companyName: "Acme",
          registeredAt: timestampNow(),
        }),
      ),
    });
    await platform.js.publish(subjectFor(namespace, contract.type, contract.version), JSON.stringify(envelope), {
      msgID: envelope.id,
    });
  }
  const running = await serve(platform, buildPlatformServer(platform), { handleSignals: false });
  await waitFor(() => handled > 0, { description: "the consumer is handling events" });
  await timedShutdown(t, () => running.shutdown("test"));
  t.ok(handled < 300, `${handled} handled before stopping; the rest stays in JetStream for the next start`);
});

t.test("a shutdown at once after start, and one a second later, are prompt", async (t) => {
  for (const delayMs of [0, 1_000]) {
    const { platform } = await startScoringPlatform(t);
    platform.consumers.add(defineConsumer<Tx, unknown>({ contract: partnerRegisteredV1, handle: async () => {} }));
    const running = await serve(platform, buildPlatformServer(platform), { handleSignals: false });
    await sleep(delayMs);
    await timedShutdown(t, () => running.shutdown("test"));
  }
});
