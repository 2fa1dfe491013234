// Which publish failures count towards parking an outbox row. Anything not known to repeat must stay transient: a
// refusal parks the row and lets later events overtake it, a transient failure keeps the order and waits.
import { JetStreamApiError } from "@nats-io/jetstream";
import {
  ClosedConnectionError,
  InvalidArgumentError,
  InvalidSubjectError,
  NoRespondersError,
  PermissionViolationError,
  RequestError,
  TimeoutError,
} from "@nats-io/transport-node";
import t from "tap";
import { classifyPublishFailure, isNoStreamForSubject } from "../src/publish-failure.ts";

const apiError = (err_code: number, code: number, description: string) =>
  new JetStreamApiError({ err_code, code, description });

/** What nats.js throws when nobody answers a JetStream publish: JetStreamNotEnabled around a RequestError. */
function noResponders(subject: string): Error {
  const request = new RequestError(`no responders: '${subject}'`, { cause: new NoRespondersError(subject) });
  const error = new Error("jetstream is not enabled", { cause: request });
  error.name = "JetStreamNotEnabled";
  return error;
}

t.test("refusals that repeat whatever the wait", async (t) => {
  t.equal(classifyPublishFailure(InvalidArgumentError.format("payload", "max_payload size exceeded")), "refused");
  t.equal(classifyPublishFailure(new InvalidSubjectError("bad subject")), "refused");
  const denied = new PermissionViolationError("Permissions Violation for Publish to x", "publish", "x");
  t.equal(classifyPublishFailure(new RequestError(denied.message, { cause: denied })), "refused", "wrapped");
  t.equal(classifyPublishFailure(apiError(10054, 400, "message size exceeds maximum allowed")), "refused");
  t.equal(classifyPublishFailure(apiError(10097, 400, "header size exceeds maximum allowed of 64k")), "refused");
});

t.test("no responders needs JetStream's word on the subject", async (t) => {
  t.equal(classifyPublishFailure(noResponders("ns.orphan.v1")), "no-responders");
  t.ok(isNoStreamForSubject(apiError(10059, 404, "no stream matches subject")));
  t.notOk(isNoStreamForSubject(noResponders("$JS.API.STREAM.NAMES")), "JetStream not answering is not an answer");
  t.notOk(isNoStreamForSubject(new TimeoutError()));
});

t.test("outages and anything unknown are transient", async (t) => {
  t.equal(classifyPublishFailure(new TimeoutError()), "transient");
  t.equal(classifyPublishFailure(new ClosedConnectionError()), "transient");
  t.equal(classifyPublishFailure(new RequestError("cancelled")), "transient");
  t.equal(classifyPublishFailure(apiError(10008, 503, "JetStream system temporarily unavailable")), "transient");
  t.equal(classifyPublishFailure(apiError(10077, 503, "maximum messages exceeded")), "transient");
  t.equal(classifyPublishFailure(InvalidArgumentError.format("timeout", "must be greater than 0")), "transient");
  t.equal(classifyPublishFailure(new Error("something else")), "transient");
  t.equal(classifyPublishFailure("not even an error"), "transient");
});
