import t from "tap";
import { allowedNextStages, canMove, isClosed, LEAD_STAGES } from "../../src/domain/lead-pipeline.ts";

t.test("lead pipeline", async (t) => {
  t.test("walks new → contacted → meeting scheduled → proposal → won", async (t) => {
    t.ok(canMove("new", "contacted"));
    t.ok(canMove("contacted", "meeting_scheduled"));
    t.ok(canMove("meeting_scheduled", "proposal"));
    t.ok(canMove("proposal", "won"));
  });

  t.test("can be lost from every open stage, and nothing leaves won or lost", async (t) => {
    for (const stage of ["new", "contacted", "meeting_scheduled", "proposal"] as const) t.ok(canMove(stage, "lost"));
    for (const closed of ["won", "lost"] as const) {
      t.ok(isClosed(closed));
      t.same(allowedNextStages(closed), []);
      for (const to of LEAD_STAGES) t.notOk(canMove(closed, to));
    }
  });

  t.test("refuses skipping, going back and standing still", async (t) => {
    t.notOk(canMove("new", "proposal"));
    t.notOk(canMove("new", "won"));
    t.notOk(canMove("proposal", "contacted"));
    t.notOk(canMove("contacted", "contacted"));
  });
});
