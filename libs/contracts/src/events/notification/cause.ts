import type { PayloadCheck } from "../payload-check.ts";

interface Caused {
  causeEventId?: string | undefined;
  causeEventType?: string | undefined;
  invitationId?: string | undefined;
}

/** The event that asked for a message is named by id and type together, or not at all. */
export function checkCause(check: PayloadCheck, data: Caused): void {
  check.optional("causeEventId", data.causeEventId);
  check.optional("causeEventType", data.causeEventType);
  if ((data.causeEventId === undefined) !== (data.causeEventType === undefined)) {
    check.fail("causeEventId and causeEventType come together");
  }
  check.optional("invitationId", data.invitationId);
}
