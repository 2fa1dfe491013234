import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const GENERATED = "libs/contracts/src/gen";

/** Runs buf the way `npm run generate` does: from the root, with protoc-gen-es from node_modules on PATH. */
function buf(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(join(BIN, "buf"), args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}` },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ?? ""}` };
}

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), readFileSync(path, "utf8"));
  }
  return files;
}

t.test("proto sources", async (t) => {
  t.test("pass buf lint", async (t) => {
    const lint = buf("lint");
    t.equal(lint.status, 0, lint.output);
  });

  t.test(`${GENERATED} is what the protos generate (run npm run generate:contracts)`, async (t) => {
    const out = mkdtempSync(join(tmpdir(), "tpx-contracts-gen-"));
    t.teardown(() => rmSync(out, { recursive: true, force: true }));
    const generate = buf("generate", "--output", out);
    t.equal(generate.status, 0, generate.output);

    const expected = filesUnder(join(out, GENERATED));
    const actual = filesUnder(join(ROOT, GENERATED));
    t.ok(expected.size > 0, "buf generated files");
    t.same([...actual.keys()].sort(), [...expected.keys()].sort(), "same files");
    for (const [path, content] of expected) {
      t.ok(actual.get(path) === content, `${path} is up to date`);
    }
  });
});
