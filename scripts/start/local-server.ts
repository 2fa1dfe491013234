import { findExecutable } from "./executables.ts";
import type { Lifecycle } from "./lifecycle.ts";
import type { LogOutput } from "./log-output.ts";
import { describeExit, ManagedProcess } from "./managed-process.ts";
import { canConnect, hostAndPort, isLocalHost, waitForPort } from "./ports.ts";

/** A server the services need that the runner may start from a binary on this machine (NATS, Redis). */
export interface LocalServerSpec {
  label: string;
  url: string;
  /** The variable that configures `url`, named in error messages. */
  urlVariable: string;
  defaultPort: number;
  executable: string;
  /** How to get the executable, for the error message when it is missing. */
  installHint: string;
  args(host: string, port: number): string[];
  /** Runs before the server starts, e.g. to create its data directory. */
  prepare?(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 10_000;

/**
 * Uses the server when something answers at its URL; otherwise starts it from the local binary (on this machine
 * only) and registers its stop. Fails with what to do when neither works.
 */
export async function ensureLocalServer(spec: LocalServerSpec, lifecycle: Lifecycle, output: LogOutput): Promise<void> {
  const { host, port } = hostAndPort(spec.url, spec.defaultPort);
  if (await canConnect(host, port)) {
    output.info(`${spec.label}: using the server at ${host}:${port}`);
    return;
  }
  if (!isLocalHost(host)) {
    throw new Error(
      `${spec.label}: nothing answers at ${spec.url} (${spec.urlVariable}); start it or change ${spec.urlVariable}`,
    );
  }
  const executable = await findExecutable(spec.executable);
  if (!executable) {
    throw new Error(
      `${spec.label}: nothing answers at ${spec.url} and ${spec.executable} is not installed. Install it (${spec.installHint}), or set ${spec.urlVariable} to a running server.`,
    );
  }
  await spec.prepare?.();
  // "localhost" may resolve to ::1 first; the server listens where the services are sure to reach it.
  const listenHost = host === "localhost" ? "127.0.0.1" : host;
  const server = new ManagedProcess({
    name: spec.executable,
    command: executable,
    args: spec.args(listenHost, port),
    stopSignal: "SIGTERM",
  });
  lifecycle.watch(server);
  lifecycle.own(spec.executable, async () => {
    const status = await server.stop(STOP_GRACE_MS);
    if (status.signal === "SIGKILL") throw new Error(`${describeExit(spec.executable, status)} (it ignored SIGTERM)`);
  });
  try {
    await waitForPort(listenHost, port, server, START_TIMEOUT_MS);
  } catch (error) {
    throw new Error(`${spec.label}: ${(error as Error).message}\n${server.recentLines().join("\n")}`);
  }
  output.info(`${spec.label}: started ${executable} on ${listenHost}:${port} (pid ${server.pid})`);
}
