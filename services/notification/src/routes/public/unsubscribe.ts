import { type HttpServer, NotFoundError } from "@tpx/service-kit";
import type { Deps } from "../../deps.ts";
import { maskAddress } from "../../domain/address.ts";
import { readUnsubscribeToken } from "../../domain/unsubscribe-token.ts";
import { suppressAddress } from "../../usecases/opt-out.ts";
import { escapeHtml, page } from "../html.ts";
import { UnsubscribeParams } from "./schemas.ts";

/**
 * The unsubscribe link of every e-mail. GET only asks (mail scanners follow links; a GET must not change anything);
 * POST unsubscribes, from the page's button or a mail client's one-click List-Unsubscribe-Post.
 */
export function registerUnsubscribeRoutes(app: HttpServer, deps: Deps): void {
  const read = (token: string) => {
    const target = readUnsubscribeToken(deps.unsubscribeSecret, token);
    if (!target) throw new NotFoundError("The unsubscribe link");
    return target;
  };
  app.get("/public/unsubscribe/:token", { schema: { params: UnsubscribeParams } }, async (request, reply) => {
    const target = read(request.params.token);
    const shown = escapeHtml(maskAddress(target.channel, target.address));
    return reply
      .type("text/html; charset=utf-8")
      .header("referrer-policy", "no-referrer")
      .send(
        page(
          "Unsubscribe",
          `<h1>Unsubscribe</h1><p>Stop all TPX messages to ${shown}, from every partner?</p>
<form method="post"><button type="submit">Unsubscribe</button></form>`,
        ),
      );
  });
  app.post("/public/unsubscribe/:token", { schema: { params: UnsubscribeParams } }, async (request, reply) => {
    const target = read(request.params.token);
    await suppressAddress(deps, target.channel, target.address, "unsubscribe");
    return reply
      .type("text/html; charset=utf-8")
      .send(
        page("Unsubscribed", "<h1>Unsubscribed</h1><p>You will not receive TPX messages at this address again.</p>"),
      );
  });
}
