import { Type } from "@sinclair/typebox";
import { type HttpServer, NotFoundError } from "@tpx/service-kit";
import type { Deps } from "../../deps.ts";
import { DEV_MAILBOX } from "../../providers/dev-mailbox-provider.ts";
import { escapeHtml, page } from "../html.ts";

/**
 * Development only (never registered in production): the messages the dev-mailbox provider "sent", newest first, so
 * the survey flow can be followed without SMTP or Twilio. Addresses are shown in full here on purpose.
 */
export function registerDevMailboxRoutes(app: HttpServer, deps: Deps): void {
  app.get("/dev/mailbox", async (_request, reply) => {
    const messages = await deps.db.message.findMany({
      where: { provider: DEV_MAILBOX },
      orderBy: { sentAt: "desc" },
      take: 200,
    });
    const rows = messages
      .map(
        (m) => `<tr><td>${escapeHtml(m.sentAt?.toISOString() ?? "")}</td><td>${m.channel}</td>
<td>${escapeHtml(m.recipient)}</td><td><a href="/dev/mailbox/${m.id}">${escapeHtml(m.subject ?? m.bodyText.slice(0, 80))}</a></td></tr>`,
      )
      .join("");
    return reply.type("text/html; charset=utf-8").send(
      page(
        "Dev mailbox",
        `<h1>Dev mailbox</h1><p>${messages.length} message(s). Nothing here left this machine.</p>
<table border="1" cellpadding="4"><tr><th>Sent</th><th>Channel</th><th>To</th><th>Subject / text</th></tr>${rows}</table>`,
      ),
    );
  });
  app.get(
    "/dev/mailbox/:id",
    { schema: { params: Type.Object({ id: Type.String({ format: "uuid" }) }) } },
    async (request, reply) => {
      const m = await deps.db.message.findFirst({ where: { id: request.params.id, provider: DEV_MAILBOX } });
      if (!m) throw new NotFoundError("The message");
      const html = m.bodyHtml
        ? `<iframe sandbox srcdoc="${escapeHtml(m.bodyHtml)}" style="width:100%;height:480px;border:1px solid #ccc"></iframe>`
        : "";
      return reply.type("text/html; charset=utf-8").send(
        page(
          m.subject ?? "SMS",
          `<p><a href="/dev/mailbox">Back</a></p><h1>${escapeHtml(m.subject ?? "SMS")}</h1>
<p>To ${escapeHtml(m.recipient)} via ${m.channel}, template ${escapeHtml(m.template)}</p>${html}
<pre style="white-space:pre-wrap">${escapeHtml(m.bodyText)}</pre>`,
        ),
      );
    },
  );
}
