import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import type { MatchingDeps } from "../../deps.ts";
import { changeLeadStatus } from "../../usecases/change-lead-status.ts";
import { getLead } from "../../usecases/get-lead.ts";
import { listLeadMessages, sendLeadMessage } from "../../usecases/lead-messages.ts";
import { addLeadNote, listLeadNotes, setLeadValue } from "../../usecases/lead-notes.ts";
import {
  LeadDetail,
  LeadParams,
  LeadState,
  Message,
  MessageList,
  Note,
  NoteList,
  StatusBody,
  TextBody,
  ValueBody,
} from "./schemas.ts";

/** One lead: the partner works it (stage, value, notes); partner and contractor talk on its thread. */
export function leadRoutes(app: HttpServer, deps: MatchingDeps): void {
  const anyone = requireRole("partner", "contractor", "admin");
  const partnerSide = requireRole("partner", "admin");

  app.get(
    "/leads/:leadId",
    { preHandler: anyone, schema: { params: LeadParams, response: { 200: LeadDetail } } },
    async (request) => getLead(deps, principalOf(request), request.params.leadId),
  );

  app.post(
    "/leads/:leadId/status",
    { preHandler: partnerSide, schema: { params: LeadParams, body: StatusBody, response: { 200: LeadState } } },
    async (request) =>
      changeLeadStatus(deps, principalOf(request), { leadId: request.params.leadId, status: request.body.status }),
  );

  app.patch(
    "/leads/:leadId",
    { preHandler: partnerSide, schema: { params: LeadParams, body: ValueBody, response: { 200: LeadState } } },
    async (request) =>
      setLeadValue(deps, principalOf(request), { leadId: request.params.leadId, value: request.body.value }),
  );

  app.get(
    "/leads/:leadId/notes",
    { preHandler: partnerSide, schema: { params: LeadParams, response: { 200: NoteList } } },
    async (request) => ({ items: await listLeadNotes(deps, principalOf(request), request.params.leadId) }),
  );

  app.post(
    "/leads/:leadId/notes",
    { preHandler: partnerSide, schema: { params: LeadParams, body: TextBody, response: { 201: Note } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addLeadNote(deps, principalOf(request), { leadId: request.params.leadId, body: request.body.body }),
        ),
  );

  app.get(
    "/leads/:leadId/messages",
    { preHandler: anyone, schema: { params: LeadParams, response: { 200: MessageList } } },
    async (request) => ({ items: await listLeadMessages(deps, principalOf(request), request.params.leadId) }),
  );

  app.post(
    "/leads/:leadId/messages",
    { preHandler: anyone, schema: { params: LeadParams, body: TextBody, response: { 201: Message } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await sendLeadMessage(deps, principalOf(request), { leadId: request.params.leadId, body: request.body.body }),
        ),
  );
}
