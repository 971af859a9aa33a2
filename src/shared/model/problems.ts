/**
 * A problem found in a file: where it is and what is wrong, in words a researcher understands.
 * Readers return these instead of throwing, so one bad record never costs the rest of the file.
 */
export interface Problem {
  /** The file's name, when there is one. */
  file?: string
  /** The line, row or record: "line 3", "row 14", 'event 5 ("Russia annexes Crimea")'. */
  where?: string
  /** The field, as the file names it: "start", "sources[1].url". */
  field?: string
  message: string
}

export function formatProblem(problem: Problem): string {
  const place = [problem.file, problem.where, problem.field].filter(Boolean).join(', ')
  return place ? `${place}: ${problem.message}` : problem.message
}
