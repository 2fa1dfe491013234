// The outbox wakes the relay when it writes a row, so an event goes out right after its transaction commits rather
// than at the relay's next poll. The wake-up arrives before the commit (it comes from inside the transaction), which
// is exactly the case this covers: the writer keeps its transaction open a little after writing the row.
import { setTimeout as sleep } from "node:timers/promises";
import { partnerRegisteredV1, timestampNow } from "@tpx/contracts";
import { waitFor } from "@tpx/testing";
import t from "tap";
import { Outbox } from "../src/index.ts";
import { openPipeline } from "./support/pipeline.ts";

const POLL_INTERVAL_MS = 10_000;

t.test("an event is published right after its commit, not at the next poll", async (t) => {
  const p = await openPipeline(t);
  const relay = p.relay({ pollIntervalMs: POLL_INTERVAL_MS });
  const outbox = new Outbox({ service: "partner", namespace: p.ns, onWrite: () => relay.wake() });
  relay.start();
  await p.runner().start();
  // Let the relay find the outbox empty and settle into its long poll wait.
  await sleep(300);

  for (const holdMs of [0, 20, 100]) {
    const committedAt = await p.producerDb.$transaction(async (tx) => {
      await outbox.add(
        tx,
        partnerRegisteredV1,
        partnerRegisteredV1.create({
          partnerId: `p-${holdMs}`,
          slug: "p",
          companyName: "P",
          registeredAt: timestampNow(),
        }),
      );
      // Work the writer still does in its transaction after the row was written.
      await sleep(holdMs);
      return Date.now();
    });
    const found = await waitFor(
      async () => {
        const [row] = await p.producerDb.$queryRawUnsafe<{ sent_at: Date | null }[]>(
          "SELECT sent_at FROM outbox_event WHERE payload->'data'->>'partnerId' = $1",
          `p-${holdMs}`,
        );
        return row?.sent_at ?? undefined;
      },
      { timeoutMs: POLL_INTERVAL_MS * 2, description: `event held ${holdMs} ms published` },
    );
    const latency = found.getTime() - committedAt;
    t.ok(latency < 1_000, `held ${holdMs} ms in its transaction: published ${latency} ms after commit`);
    await sleep(400);
  }
});
