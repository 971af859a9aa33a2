/**
 * papaparse builds a whole record before any cap can apply, so one record of a million cells (a
 * line of commas) or one cell of megabytes took 20–30× the file's size in memory. This scan finds
 * such records first, in one pass that allocates nothing per cell, following papaparse's quoting:
 * a cell is quoted when it starts with a quote, `""` inside it is a quote, and it ends at a quote
 * followed (after spaces) by the delimiter, the line break or the end. The caller gives
 * papaparse the same delimiter and line break, so that both see the same records.
 */
export interface OversizedRecord {
  /** The record's number as the reader counts them (every record, blank ones too, from 1). */
  record: number
  start: number
  end: number
  /** More cells than this record may have, or the first cell that is too long (1-based column). */
  cells?: number
  longColumn?: number
  longChars?: number
}

export function oversizedRecords(
  text: string,
  delimiter: string,
  newline: '\r\n' | '\n' | '\r',
  limits: { recordCells: number; cellChars: number }
): OversizedRecord[] {
  const found: OversizedRecord[] = []
  const QUOTE = 0x22
  const delim = delimiter.charCodeAt(0)
  const breakCode = newline.charCodeAt(0)
  const isBreak = (at: number) =>
    text.charCodeAt(at) === breakCode && (newline.length === 1 || text.charCodeAt(at + 1) === 0x0a)
  let record = 1
  let recordStart = 0
  let cells = 1
  let long: { column: number; chars: number } | undefined
  let i = 0
  let nextDelimiter = -1
  let nextBreak = -1
  const endRecord = (end: number) => {
    if (cells > limits.recordCells || long)
      found.push({
        record,
        start: recordStart,
        end,
        ...(cells > limits.recordCells ? { cells } : {}),
        ...(long ? { longColumn: long.column, longChars: long.chars } : {})
      })
    record++
    cells = 1
    long = undefined
  }
  while (i < text.length) {
    // At the start of a cell.
    const cellStart = i
    if (text.charCodeAt(i) === QUOTE) {
      let close = i
      for (;;) {
        close = text.indexOf('"', close + 1)
        if (close === -1) break
        if (text.charCodeAt(close + 1) === QUOTE) {
          close++
          continue
        }
        let after = close + 1
        while (text.charCodeAt(after) === 0x20) after++
        if (after >= text.length || text.charCodeAt(after) === delim || isBreak(after)) break
      }
      i = close === -1 ? text.length : close + 1
      while (text.charCodeAt(i) === 0x20) i++
    } else {
      // To the next delimiter or line break, found with indexOf (a loop over every character cost
      // more than papaparse's own reading); each is looked up again only once it has been passed.
      if (nextDelimiter < i) nextDelimiter = orEnd(text.indexOf(delimiter, i))
      if (nextBreak < i) nextBreak = orEnd(text.indexOf(newline, i))
      i = Math.min(nextDelimiter, nextBreak, text.length)
    }
    if (!long && i - cellStart > limits.cellChars) long = { column: cells, chars: i - cellStart }
    if (i >= text.length) break
    if (text.charCodeAt(i) === delim) {
      cells++
      i++
      continue
    }
    // Otherwise a line break: a cell ends only at one of the three.
    const end = i
    i += newline.length
    endRecord(end)
    recordStart = i
  }
  if (recordStart < text.length) endRecord(text.length)
  return found
}

/** An indexOf result, with "not found" as past every position. */
const orEnd = (at: number) => (at === -1 ? Infinity : at)

/** The text with each oversized record emptied (its line break kept, so the records after keep their numbers). */
export function withoutRecords(text: string, records: OversizedRecord[]): string {
  if (!records.length) return text
  const pieces: string[] = []
  let from = 0
  for (const { start, end } of records) {
    pieces.push(text.slice(from, start))
    from = end
  }
  pieces.push(text.slice(from))
  return pieces.join('')
}
