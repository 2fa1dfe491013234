import { createConnection, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { ManagedProcess } from "./managed-process.ts";

/** True when something accepts a TCP connection at host:port within `timeoutMs`. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Waits until a server the runner just started accepts connections. Fails at once when that process exits instead,
 * so a server that cannot start is reported with its own output rather than as a timeout.
 */
export async function waitForPort(host: string, port: number, owner: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!owner.isRunning) throw new Error(`${owner.name} exited before it accepted connections on ${host}:${port}`);
    if (await canConnect(host, port, 250)) return;
    await sleep(100);
  }
  throw new Error(`${owner.name} did not accept connections on ${host}:${port} within ${timeoutMs} ms`);
}

/** A port nobody listens on right now, chosen by the kernel. */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("the kernel assigned no port"));
      });
    });
  });
}

/** True when the port can be bound on every interface, the way the services listen (HOST 0.0.0.0). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ host: "0.0.0.0", port }, () => server.close(() => resolve(true)));
  });
}

/** The host and port a server URL points at, with the scheme's usual port when the URL names none. */
export function hostAndPort(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  // URL keeps IPv6 literals in brackets; net.connect wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return { host, port: parsed.port === "" ? defaultPort : Number(parsed.port) };
}

/** Servers the runner may start itself: only on this machine. */
export function isLocalHost(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1";
}
