import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TeardownRegistry } from "./database.ts";

const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? "/usr/sbin/nats-server";
const READY_LINE = "Server is ready";

export interface StartNatsServerOptions {
  /** Port to listen on; a free one is picked when absent. */
  port?: number;
  /** How long to wait for the server to report ready (default 10 s). */
  startTimeoutMs?: number;
}

/**
 * A private nats-server with JetStream, for tests that take the server away (an outage) — never do that to the
 * shared server other test files are using. `stop()` and `start()` keep the port and the store directory, so clients
 * reconnect to the same address and find their streams and consumers again.
 */
export interface PrivateNatsServer {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  readonly running: boolean;
  /** Graceful shutdown (SIGTERM), like an orderly restart; resolves when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL, like a crash; resolves when the process has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store; resolves when it accepts clients. */
  start(): Promise<void>;
}

export async function startNatsServer(
  t: TeardownRegistry,
  options: StartNatsServerOptions = {},
): Promise<PrivateNatsServer> {
  const port = options.port ?? (await freePort());
  const storeDir = await mkdtemp(path.join(tmpdir(), "tpx-nats-"));
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  let child: ChildProcess | undefined;

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) {
      child = undefined;
      return;
    }
    const exited = once(running, "exit");
    running.kill(signal);
    const timer = setTimeout(() => running.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    child = undefined;
  };

  const server: PrivateNatsServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    get running() {
      return child !== undefined;
    },
    stop: () => terminate("SIGTERM"),
    kill: () => terminate("SIGKILL"),
    async start() {
      if (child) return;
      child = await spawnServer(port, storeDir, startTimeoutMs);
    },
  };
  t.teardown(async () => {
    await server.kill();
    await rm(storeDir, { recursive: true, force: true });
  });
  await server.start();
  return server;
}

/** Spawns nats-server and resolves once it logs that it is ready (JetStream included). */
async function spawnServer(port: number, storeDir: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(NATS_SERVER_BIN, ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", storeDir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  return new Promise<ChildProcess>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`nats-server on port ${port} ${reason}:\n${log.slice(-2_000)}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    child.once("error", (error) => fail(`could not start (${error.message})`));
    child.once("exit", (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      if (log.includes(READY_LINE)) return;
      log += chunk;
      if (!log.includes(READY_LINE)) return;
      clearTimeout(timer);
      // Later exits are expected (stop/kill); this listener keeps draining stderr so the pipe never fills.
      child.removeAllListeners("exit");
      resolve(child);
    });
  });
}

/** Asks the OS for a free port (another process could take it before the server binds: unlikely, and loud). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  await once(probe, "close");
  if (typeof address !== "object" || address === null) throw new Error("could not determine a free port");
  return address.port;
}
