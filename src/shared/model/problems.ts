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
  /**
   * For a problem with one record: true when the record was left out, false when it was read
   * without what the problem names (a field dropped or replaced); unset when not known.
   */
  leftOut?: boolean
  /**
   * Not a problem but a note: what a reader assumed, with nothing lost ("seasons were read as
   * northern-hemisphere seasons"). Said beside the problems; it never makes a file fail a check.
   */
  note?: boolean
}

/** A problem's place for sorting: problems with the whole file first, then by record number. */
function recordNumber(problem: Problem): number {
  if (!problem.where) return -1
  const number = /\d+/.exec(problem.where)
  return number ? Number(number[0]) : Number.MAX_SAFE_INTEGER
}

/** Problems in the order of the file: the whole file first, then row by row (stable within a row). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((problem, index) => ({ problem, index, at: recordNumber(problem) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((entry) => entry.problem)
}

export interface ProblemCounts {
  /** Records left out. */
  leftOut: number
  /** Records read, without something a problem names. */
  readWithChanges: number
  /** Problems with the whole file, not one record. */
  file: number
}

/** How many records were left out and how many were read with something dropped ("row 14" twice is one row). */
export function countProblems(problems: readonly Problem[]): ProblemCounts {
  const leftOut = new Set<string>()
  const changed = new Set<string>()
  let file = 0
  for (const problem of problems) {
    if (problem.note) continue
    if (!problem.where) file++
    else if (problem.leftOut === false) changed.add(problem.where)
    else leftOut.add(problem.where)
  }
  for (const where of leftOut) changed.delete(where)
  return { leftOut: leftOut.size, readWithChanges: changed.size, file }
}

export function formatProblem(problem: Problem): string {
  const place = [problem.file, problem.where, problem.field].filter(Boolean).join(', ')
  return place ? `${place}: ${problem.message}` : problem.message
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * What the problems did, in words: "1 row cannot be read; 2 rows were read without a field".
 * Empty when no record was affected. `noun` is what a record is in this file: row, record, event.
 */
export function describeProblemCounts(counts: ProblemCounts, noun: string): string {
  const parts: string[] = []
  if (counts.leftOut) parts.push(`${plural(counts.leftOut, noun)} cannot be read`)
  if (counts.readWithChanges)
    parts.push(
      `${plural(counts.readWithChanges, noun)} ${counts.readWithChanges === 1 ? 'was' : 'were'} read without part of ${counts.readWithChanges === 1 ? 'it' : 'them'}`
    )
  return parts.join('; ')
}
