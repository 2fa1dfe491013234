import { readFile, writeFile } from "node:fs/promises";
import { renderReadme } from "./tables.ts";

// `npm run docs`: rewrites the generated sections of README.md (configuration table, event catalog).
const path = new URL("../../README.md", import.meta.url);
await writeFile(path, await renderReadme(await readFile(path, "utf8")));
console.log("README.md sections regenerated");
