import {
  partnerApprovedV1,
  partnerProfileUpdatedV1,
  partnerRegisteredV1,
  pcrUpdatedV1,
  surveyInvitationRequestedV1,
  userRegisteredV1,
} from "@tpx/contracts";
import { type ConsumerDefinition, defineConsumer, type ReceivedEvent } from "@tpx/messaging";
import type { Tx } from "../db.ts";
import type { Deps } from "../deps.ts";
import { sendApprovalEmail, sendReportEmail } from "../usecases/notify-partner-owner.ts";
import { recordPartner, recordPartnerProfile, welcomeUser } from "../usecases/record-contacts.ts";
import { requestSurveyMessage } from "../usecases/request-survey-message.ts";

const causeOf = (event: ReceivedEvent<unknown>) => ({ eventId: event.envelope.id, eventType: event.envelope.type });

/** The events that need a message, or that tell us where to send one later. */
export function messageConsumers(deps: Deps): ConsumerDefinition<Tx, never>[] {
  return [
    defineConsumer<Tx, ReturnType<typeof surveyInvitationRequestedV1.decode>>({
      contract: surveyInvitationRequestedV1,
      handle: (tx, event) => requestSurveyMessage(deps, tx, causeOf(event), event.data),
    }),
    defineConsumer<Tx, ReturnType<typeof userRegisteredV1.decode>>({
      contract: userRegisteredV1,
      handle: (tx, event) => welcomeUser(deps, tx, causeOf(event), event.data),
    }),
    defineConsumer<Tx, ReturnType<typeof partnerRegisteredV1.decode>>({
      contract: partnerRegisteredV1,
      handle: (tx, event) => recordPartner(deps, tx, event.data),
    }),
    defineConsumer<Tx, ReturnType<typeof partnerProfileUpdatedV1.decode>>({
      contract: partnerProfileUpdatedV1,
      handle: (tx, event) => recordPartnerProfile(tx, event.data),
    }),
    defineConsumer<Tx, ReturnType<typeof partnerApprovedV1.decode>>({
      contract: partnerApprovedV1,
      handle: (tx, event) => sendApprovalEmail(deps, tx, causeOf(event), event.data),
    }),
    defineConsumer<Tx, ReturnType<typeof pcrUpdatedV1.decode>>({
      contract: pcrUpdatedV1,
      handle: (tx, event) => sendReportEmail(deps, tx, causeOf(event), event.data),
    }),
  ] as unknown as ConsumerDefinition<Tx, never>[];
}
