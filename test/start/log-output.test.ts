import t from "tap";
import { createLogOutput } from "../../scripts/start/log-output.ts";

function capture(pretty: boolean) {
  const written: string[] = [];
  const output = createLogOutput({
    pretty,
    color: false,
    sources: ["gateway", "notification"],
    write: (text) => written.push(text),
  });
  return { output, written };
}

t.test("JSON mode passes the services' pino lines through untouched", async (t) => {
  const { output, written } = capture(false);
  const line = '{"level":"info","time":"2026-01-01T00:00:00.000Z","service":"gateway","msg":"service started"}';
  output.line("gateway", line, "stdout");
  t.same(written, [`${line}\n`]);
});

t.test("JSON mode wraps everything else in the same shape", async (t) => {
  const { output, written } = capture(false);
  output.line("partner", "partner: cannot start, invalid configuration:", "stderr");
  output.line("partner", "", "stderr");
  output.info("TPX is ready", { gateway: "http://localhost:8080" });
  t.equal(written.length, 2, "blank lines are dropped");
  const [stderrLine, runnerLine] = written.map((text) => JSON.parse(text));
  t.match(stderrLine, {
    level: "error",
    service: "partner",
    stream: "stderr",
    msg: "partner: cannot start, invalid configuration:",
  });
  t.match(runnerLine, { level: "info", service: "runner", gateway: "http://localhost:8080", msg: "TPX is ready" });
});

t.test("pretty mode prefixes every line with its source in one column", async (t) => {
  const { output, written } = capture(true);
  output.line("gateway", "[12:00:00.000] INFO: service started", "stdout");
  output.error("partner exited with code 1\nlast line");
  t.same(written, [
    "gateway      | [12:00:00.000] INFO: service started\n",
    "runner       | partner exited with code 1\nrunner       | last line\n",
  ]);
});
