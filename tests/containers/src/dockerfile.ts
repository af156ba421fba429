// A reader for the few Dockerfile instructions the checks need (FROM, COPY, WORKDIR, CMD), with
// `\` line continuations and comments handled as the Dockerfile reference describes:
// https://docs.docker.com/reference/dockerfile/#format
export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const logicalLines = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const alias = /\bAS\s+(\S+)$/i.exec(instruction.args);
      stages.push({ name: alias?.[1] ?? String(stages.length), instructions: [] });
    }
    stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

export interface CopyLine {
  from: string | undefined;
  sources: string[];
  destination: string;
}

/** `COPY [--from=stage] [--chown=…] <src>… <dest>` in its shell form (the form this repository uses). */
export function copyLines(stage: Stage): CopyLine[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY')
    .map((instruction) => {
      const words = instruction.args.split(/\s+/);
      const flags = words.filter((word) => word.startsWith('--'));
      const paths = words.filter((word) => !word.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
    });
}

/** The value of the stage's last instruction with this keyword, `${APP}` replaced. */
export function lastArgs(stage: Stage, keyword: string, app: string): string | undefined {
  const found = stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
  return found?.args.replaceAll('${APP}', app);
}

/** The variables a stage's `ENV` lines set (`ENV NAME=value NAME="value with spaces" …`). */
export function environmentOf(stage: Stage): Record<string, string> {
  const assignment = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S+)/g;
  return Object.fromEntries(
    stage.instructions
      .filter((instruction) => instruction.keyword === 'ENV')
      .flatMap((instruction) => [...instruction.args.matchAll(assignment)])
      .map(([, name, value]) => [name, value!.startsWith('"') ? value!.slice(1, -1).replace(/\\(.)/g, '$1') : value]),
  );
}
