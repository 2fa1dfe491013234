import { readFile } from "node:fs/promises";
import t from "tap";
import { renderReadme } from "../../scripts/docs/tables.ts";

t.test("README", async (t) => {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");

  t.test("its configuration table and event catalog match the code (run `npm run docs`)", async (t) => {
    t.equal(readme, await renderReadme(readme));
  });

  t.test("shows the two commands", async (t) => {
    t.match(readme, /npm start/);
    t.match(readme, /npm test/);
  });
});
