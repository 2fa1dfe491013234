// Events written in one transaction share created_at (now() is the transaction's start), so the relay must keep the
// order they were written in by other means. Consumers see them in exactly that order: e.g. scoring writes revisions 4
// and 5 of one partner's pcr.updated in one batch, or pcr.updated followed by badge.changed.
import { partnerRegisteredV1, timestampNow } from "@tpx/contracts";
import t from "tap";
import { outboxEntry } from "../src/index.ts";
import { openPipeline, type PartnerRegistered } from "./support/pipeline.ts";

function registered(partnerId: string): PartnerRegistered {
  return partnerRegisteredV1.create({ partnerId, slug: "s", companyName: "C", registeredAt: timestampNow() });
}

t.test("events of one transaction (add and addMany mixed) reach the stream in the order written", async (t) => {
  const p = await openPipeline(t);
  const names = (from: number, count: number) => Array.from({ length: count }, (_, index) => `p-${from + index}`);

  const written = await p.producerDb.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const partnerId of names(0, 10)) {
      ids.push((await p.outbox.add(tx, partnerRegisteredV1, registered(partnerId))).id);
    }
    const many = await p.outbox.addMany(
      tx,
      names(10, 30).map((partnerId) => outboxEntry(partnerRegisteredV1, registered(partnerId))),
    );
    ids.push(...many.map((event) => event.id));
    for (const partnerId of names(40, 10)) {
      ids.push((await p.outbox.add(tx, partnerRegisteredV1, registered(partnerId))).id);
    }
    return ids;
  });
  t.equal(written.length, 50);

  // A small batch size, so the order must also hold from one claimed batch to the next.
  const relay = p.relay({ batchSize: 7 });
  while ((await relay.publishBatch()) > 0) {}
  t.equal(await p.unsentCount(), 0, "everything published");

  const consumer = await p.js.consumers.get(p.stream);
  const received: string[] = [];
  const messages = await consumer.fetch({ max_messages: 50, expires: 5_000 });
  for await (const message of messages) {
    received.push(message.json<{ id: string }>().id);
    if (received.length === 50) break;
  }
  t.same(received, written, "the consumer receives the 50 events in the order they were written");
});
