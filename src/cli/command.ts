import type { Problem } from '../shared/model/problems'
import { formatProblem, sortProblems } from '../shared/model/problems'

/** Exit codes: 0 when clean, 1 when problems were found, 2 when the command line was wrong. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const

export interface CliIo {
  out(line: string): void
  err(line: string): void
  /** Where relative paths are read from. */
  cwd: string
}

export interface CliCommand {
  name: string
  summary: string
  usage: string
  run(argv: string[], io: CliIo): Promise<number>
}

/** A wrong command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** Problems one per line ("file, row 14, End Year: …"), or as a JSON array with --json. */
export function printProblems(problems: Problem[], io: CliIo, json: boolean): void {
  // In the file's order: the whole file first, then row by row.
  const sorted = sortProblems(problems)
  if (json) io.out(JSON.stringify(sorted, null, 2))
  else for (const problem of sorted) io.err(`${problem.note ? 'note: ' : ''}${formatProblem(problem)}`)
}
