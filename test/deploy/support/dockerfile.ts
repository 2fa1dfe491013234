/** A Dockerfile split into build stages, enough to check how build arguments are declared and used. */
export interface Stage {
  name: string | undefined;
  from: string;
  lines: string[];
}

export function parseStages(dockerfile: string): { globalArgs: string[]; stages: Stage[] } {
  // join continuation lines so every instruction is one line
  const instructions = dockerfile
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const globalArgs: string[] = [];
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      stages.push({ from: from[1] as string, name: from[2], lines: [] });
      continue;
    }
    const current = stages.at(-1);
    if (current) current.lines.push(line);
    else if (/^ARG\s/i.test(line)) globalArgs.push(line.replace(/^ARG\s+/i, "").split("=")[0] as string);
  }
  return { globalArgs, stages };
}

/** Whether a line expands $NAME or ${NAME}. */
export function uses(line: string, name: string): boolean {
  return new RegExp(`\\$\\{?${name}\\b`).test(line);
}
