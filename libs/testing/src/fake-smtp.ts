import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on a free port. `reject` decides per message whether to answer with an SMTP error code
 * (e.g. 451 transient, 550 permanent) instead of accepting it.
 */
export async function startSmtpServer(
  t: { teardown(fn: () => unknown): void },
  options: {
    reject?: (index: number) => number | undefined;
    /** Runs after a message was received in full and before the server answers it. */
    beforeReply?: () => Promise<void>;
  } = {},
) {
  const received: ReceivedMail[] = [];
  let index = 0;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const code = options.reject?.(index++);
        if (code) {
          const error = Object.assign(new Error(code >= 500 ? "mailbox unavailable" : "try again later"), {
            responseCode: code,
          });
          return callback(error);
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        if (!options.beforeReply) return callback();
        options.beforeReply().then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received };
}
