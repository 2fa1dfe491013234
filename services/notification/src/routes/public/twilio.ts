import { ForbiddenError, type HttpServer, NotFoundError } from "@tpx/service-kit";
import type { FastifyRequest } from "fastify";
import type { Deps } from "../../deps.ts";
import { isValidTwilioSignature } from "../../domain/twilio-signature.ts";
import { withSlash } from "../../providers/index.ts";
import { handleInboundSms, recordSmsStatus } from "../../usecases/opt-out.ts";
import { InboundSms, SmsStatus } from "./schemas.ts";

/**
 * Twilio's callbacks: inbound SMS (STOP/START) and delivery status. Only requests carrying a valid
 * X-Twilio-Signature for the public URL Twilio called are believed.
 */
export function registerTwilioRoutes(app: HttpServer, deps: Deps): void {
  const verify = (request: FastifyRequest, path: string) => {
    const { TWILIO_AUTH_TOKEN, TWILIO_WEBHOOK_BASE_URL } = deps.config;
    if (!TWILIO_AUTH_TOKEN || !TWILIO_WEBHOOK_BASE_URL) throw new NotFoundError("The Twilio callback");
    const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
    const url = new URL(path, withSlash(TWILIO_WEBHOOK_BASE_URL)).toString() + query;
    const params = request.body as Record<string, string>;
    const header = request.headers["x-twilio-signature"];
    if (!isValidTwilioSignature(TWILIO_AUTH_TOKEN, url, params, typeof header === "string" ? header : undefined)) {
      throw new ForbiddenError("The Twilio signature is missing or wrong.");
    }
  };
  const twiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
  app.post("/public/twilio/inbound", { schema: { body: InboundSms } }, async (request, reply) => {
    verify(request, "public/twilio/inbound");
    await handleInboundSms(deps, request.body.From, request.body.Body);
    return reply.type("text/xml").send(twiml);
  });
  app.post("/public/twilio/status", { schema: { body: SmsStatus } }, async (request, reply) => {
    verify(request, "public/twilio/status");
    await recordSmsStatus(deps, request.body.MessageSid, request.body.MessageStatus, request.body.ErrorCode);
    return reply.code(204).send();
  });
}
