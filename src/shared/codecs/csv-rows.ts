/**
 * The one way a CSV file becomes rows, for every tabular reader (spreadsheets, the TimelineJS
 * template, Timesketch): papaparse hands over one record at a time (`step`), empty lines are
 * dropped as they pass, and rows, cells and cell lengths are capped while reading, so that memory
 * stays within a small multiple of the file's size whatever the file holds (a 100 MB file of
 * blank lines once took more than 4 GB). Row numbers are those a spreadsheet shows: the header is
 * row 1, and a cell with line breaks does not push the rows below it down.
 */
import Papa from 'papaparse'
import { oversizedRecords, withoutRecords, type OversizedRecord } from './csv-oversized'
import { formatCount as count } from '../count'

/** The caps, named in the messages that refuse a file or a row. */
export const CSV_LIMITS = {
  /** Rows with something in them below the header (a Chronotes document holds 1,000,000 events). */
  rows: 1_000_000,
  /** Cells kept in all (rows × columns read): a 160 MB file of tiny cells would otherwise take gigabytes. */
  cells: 20_000_000,
  /** Characters in one cell: the longest text an event holds. */
  cellChars: 200_000,
  /** Columns read; a wider file is not a table of events. */
  columns: 1000,
  /** Cells in one record beyond which it is not even parsed (the extra cells of a wider row are dropped anyway). */
  recordCells: 10_000
} as const

export interface CsvRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  number: number
  /** As many cells as the header has (fewer when the row is shorter). */
  cells: string[]
}

export interface CsvNotice {
  /** Spreadsheet row number; 0 for the whole file. */
  row: number
  kind: 'unclosed-quote' | 'stray-quote' | 'extra-cells' | 'long-cell' | 'wide-header'
  message: string
}

export interface CsvRows {
  delimiter: string
  /** The first row with anything in it, as written (capped at `CSV_LIMITS.columns` cells). */
  header: string[]
  headerNumber: number
  rows: CsvRow[]
  notices: CsvNotice[]
  /** Set when the file exceeds a cap: it is refused, with this message naming the cap. */
  refused?: string
}

function tooLarge(record: OversizedRecord): string {
  return record.cells
    ? `has ${count(record.cells)} cells; Chronotes reads rows of up to ${count(CSV_LIMITS.columns)} columns`
    : `holds ${count(record.longChars!)} characters in column ${record.longColumn}; Chronotes reads cells of up to ${count(CSV_LIMITS.cellChars)}`
}

/**
 * Reads `text` (without a BOM) as records split by `delimiter`. Never throws on content: what
 * cannot be read cleanly is a notice on its row, and a file over a cap is `refused`.
 */
export function readCsvRows(
  text: string,
  delimiter: string,
  /** A reader that needs certain columns stops at a header without them, before holding any rows. */
  acceptHeader: (header: string[]) => boolean = () => true
): CsvRows {
  const result: CsvRows = { delimiter, header: [], headerNumber: 0, rows: [], notices: [] }
  let record = 0
  let cells = 0
  let width = 0
  // Papa's own guess, from the head only, given back to it so that the scan below and it agree.
  const newline = Papa.parse(text.slice(0, 64 * 1024), { delimiter, preview: 1 }).meta.linebreak as '\r\n' | '\n' | '\r'
  // A cell of up to twice the cap may still be within it once its doubled quotes are read as one.
  const oversized = new Map(
    oversizedRecords(text, delimiter, newline, {
      recordCells: CSV_LIMITS.recordCells,
      cellChars: 2 * CSV_LIMITS.cellChars
    }).map((found) => [found.record, found])
  )
  Papa.parse<string[]>(withoutRecords(text, [...oversized.values()]), {
    delimiter,
    newline,
    // Fast mode splits the whole text into lines first, which for a file of blank lines is an
    // array as long as the file; the quoting-aware loop reads as it goes.
    fastMode: false,
    step(step, handle) {
      record++
      const skipped = oversized.get(record)
      if (skipped) {
        if (!width) {
          result.refused = `its first row ${tooLarge(skipped)}, so it is not a table of events`
          handle.abort()
        } else
          result.notices.push({
            row: record,
            kind: skipped.cells ? 'extra-cells' : 'long-cell',
            message: `was not read: it ${tooLarge(skipped)}`
          })
        return
      }
      const values = step.data
      for (const error of step.errors) {
        if (error.type !== 'Quotes') continue
        const unclosed = error.code === 'MissingQuotes'
        result.notices.push({
          row: record,
          kind: unclosed ? 'unclosed-quote' : 'stray-quote',
          message: unclosed
            ? 'a quoted cell is not closed, so everything after its opening quote was read into that cell'
            : 'a cell has a stray quote mark after its closing quote'
        })
      }
      if (values.every((cell) => cell.trim() === '')) return
      if (!width) {
        if (values.length > CSV_LIMITS.columns)
          result.notices.push({
            row: record,
            kind: 'wide-header',
            message: `has ${count(values.length)} columns; only the first ${count(CSV_LIMITS.columns)} were read`
          })
        result.header = values.slice(0, CSV_LIMITS.columns)
        result.headerNumber = record
        width = result.header.length
        if (!acceptHeader(result.header)) handle.abort()
        else if (width < 2) {
          // Not a table of events, and the rows of a one-column file are its most costly shape to hold.
          result.refused = `has only one column ("${values[0]!.slice(0, 40)}"); a table of events needs at least a date column and a title column`
          handle.abort()
        }
        return
      }
      if (result.rows.length >= CSV_LIMITS.rows || cells + width > CSV_LIMITS.cells) {
        result.refused =
          result.rows.length >= CSV_LIMITS.rows
            ? `has more than ${count(CSV_LIMITS.rows)} rows; Chronotes reads at most ${count(CSV_LIMITS.rows)} rows from one file`
            : `has more than ${count(CSV_LIMITS.cells)} cells; Chronotes reads at most ${count(CSV_LIMITS.cells)} cells (rows × columns) from one file`
        handle.abort()
        return
      }
      if (values.length > width && values.slice(width).some((cell) => cell.trim()))
        result.notices.push({
          row: record,
          kind: 'extra-cells',
          message: `has ${count(values.length)} cells but the header names ${count(width)} columns; the cells beyond the last column were not read`
        })
      // A copy of exactly the row's width: papaparse's own arrays keep room to grow, several times their cells.
      const kept = values.slice(0, width)
      const long = kept.findIndex((cell) => cell.length > CSV_LIMITS.cellChars)
      if (long >= 0) {
        result.notices.push({
          row: record,
          kind: 'long-cell',
          message: `was not read: its cell in column ${long + 1} holds ${count(kept[long]!.length)} characters; Chronotes reads cells of up to ${count(CSV_LIMITS.cellChars)}`
        })
        return
      }
      cells += width
      result.rows.push({ number: record, cells: kept })
    }
  })
  return result
}
