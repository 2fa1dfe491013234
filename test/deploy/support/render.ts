import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseAllDocuments } from "yaml";
import { deploycheckTools } from "./deploycheck-tools.ts";
import { type K8sObject, Manifests } from "./manifests.ts";
import { chartDir, release } from "./repository.ts";

const run = promisify(execFile);

export interface RenderOptions {
  values?: string[];
  set?: string[];
}

function minihelmArgs(options: RenderOptions, chart = chartDir): string[] {
  const args = ["-name", release, "-namespace", release];
  for (const file of options.values ?? []) args.push("-f", file);
  for (const expression of options.set ?? []) args.push("-set", expression);
  return [...args, chart];
}

/** Renders the chart like `helm template` (deploycheck's minihelm: Go text/template + Sprig) and parses it. */
export async function renderChart(options: RenderOptions = {}): Promise<Manifests> {
  const { minihelm } = await deploycheckTools();
  let stdout: string;
  try {
    ({ stdout } = await run(minihelm, minihelmArgs(options), { maxBuffer: 32 * 1024 * 1024 }));
  } catch (error) {
    throw new Error(`rendering the chart failed: ${(error as { stderr?: string }).stderr ?? error}`);
  }
  const objects: K8sObject[] = [];
  for (const document of parseAllDocuments(stdout)) {
    if (document.errors.length > 0) throw new Error(`rendered YAML is invalid: ${document.errors[0]?.message}`);
    const object = document.toJS() as K8sObject | null;
    if (object) objects.push(object);
  }
  return new Manifests(objects);
}

/** Renders the chart expecting failure; returns minihelm's error output. */
export async function renderChartFailure(options: RenderOptions): Promise<string> {
  const { minihelm } = await deploycheckTools();
  try {
    await run(minihelm, minihelmArgs(options), { maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    return (error as { stderr?: string }).stderr ?? String(error);
  }
  throw new Error("the chart rendered although it should have refused these values");
}

/** Validates merged values against values.schema.json (what helm lint/install do); returns the errors, empty if valid. */
export async function schemaErrors(valueFiles: string[]): Promise<string> {
  const { validateValues } = await deploycheckTools();
  try {
    await run("node", [validateValues, chartDir, ...valueFiles]);
    return "";
  } catch (error) {
    return (error as { stdout?: string }).stdout || String(error);
  }
}

/**
 * Renders templates/NOTES.txt, which `helm install` prints and fails on when it does not render. minihelm skips
 * NOTES.txt like `helm template`, so a copy of the chart renders it as an ordinary template.
 */
export async function renderNotes(options: RenderOptions): Promise<string> {
  const { minihelm } = await deploycheckTools();
  const scratch = mkdtempSync(path.join(tmpdir(), "tpx-notes-"));
  const copy = path.join(scratch, "tpx");
  let stdout: string;
  try {
    cpSync(chartDir, copy, { recursive: true, dereference: true });
    renameSync(path.join(copy, "templates/NOTES.txt"), path.join(copy, "templates/zz-notes.txt"));
    ({ stdout } = await run(minihelm, minihelmArgs(options, copy), { maxBuffer: 32 * 1024 * 1024 }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const marker = "# Source: tpx/templates/zz-notes.txt\n";
  const start = stdout.indexOf(marker);
  if (start === -1) throw new Error("NOTES.txt rendered nothing");
  return stdout.slice(start + marker.length);
}
