import t from "tap";
import { decideRefresh } from "../../src/domain/refresh-decision.ts";

const now = new Date("2026-11-26T12:00:00Z");
const later = new Date(now.getTime() + 86_400_000);
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

t.test("decideRefresh", async (t) => {
  t.test("a current token rotates, an expired one does not", async (t) => {
    t.equal(
      decideRefresh({ expiresAt: later, rotatedAt: null, familyRevoked: false, successorUsed: false }, now, 10),
      "rotate",
    );
    t.equal(
      decideRefresh({ expiresAt: secondsAgo(1), rotatedAt: null, familyRevoked: false, successorUsed: false }, now, 10),
      "expired",
    );
  });
  t.test("a token rotated moment ago whose successor is unused is a retry", async (t) => {
    t.equal(
      decideRefresh(
        { expiresAt: later, rotatedAt: secondsAgo(3), familyRevoked: false, successorUsed: false },
        now,
        10,
      ),
      "grace-rotate",
    );
  });
  t.test("a rotated token is reuse after the grace or once its successor was used", async (t) => {
    t.equal(
      decideRefresh(
        { expiresAt: later, rotatedAt: secondsAgo(11), familyRevoked: false, successorUsed: false },
        now,
        10,
      ),
      "reuse",
    );
    t.equal(
      decideRefresh({ expiresAt: later, rotatedAt: secondsAgo(1), familyRevoked: false, successorUsed: true }, now, 10),
      "reuse",
    );
  });
  t.test("a revoked family refuses everything", async (t) => {
    t.equal(
      decideRefresh({ expiresAt: later, rotatedAt: null, familyRevoked: true, successorUsed: false }, now, 10),
      "revoked",
    );
  });
});
