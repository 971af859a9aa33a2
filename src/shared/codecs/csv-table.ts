/**
 * A spreadsheet file as rows of cells: delimiter detected (comma, semicolon or tab), RFC 4180
 * quoting (quoted cells may hold delimiters, quotes and line breaks), CRLF, LF or CR line ends.
 * Row numbers are those a spreadsheet shows: the header is row 1, and a cell with line breaks
 * does not push the rows below it down.
 */
import Papa from 'papaparse'
import type { Problem } from '../model/problems'
import { withoutBom } from './text'

export interface TableRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  number: number
  cells: string[]
}

export interface Table {
  delimiter: string
  /** Unique, trimmed column names; an empty one is "Column 3", a repeated one "Notes (2)". */
  headers: string[]
  /** The rows below the header that have anything in them. */
  rows: TableRow[]
  problems: Problem[]
}

const DELIMITERS = ['\t', ';', ','] as const
const SAMPLE_CHARS = 64 * 1024
/** A wider file is not a table of events; its extra columns are not read. */
export const MAX_COLUMNS = 1000
const MAX_TABLE_PROBLEMS = 50

/** The delimiter whose column count is the same on most of the first rows (and greater than one). */
export function detectDelimiter(text: string): string {
  const cut = text.length > SAMPLE_CHARS
  const sample = text.slice(0, SAMPLE_CHARS)
  let best: { delimiter: string; consistency: number; columns: number } = {
    delimiter: ',',
    consistency: -1,
    columns: 1
  }
  for (const delimiter of DELIMITERS) {
    const records = Papa.parse<string[]>(sample, { delimiter, preview: 30 }).data.filter(
      (row) => row.length > 1 || (row[0] ?? '') !== ''
    )
    // The sample may end in the middle of a row.
    if (cut && records.length > 2) records.pop()
    const columns = records[0]?.length ?? 0
    if (columns < 2) continue
    const rest = records.slice(1)
    const consistency = rest.length ? rest.filter((row) => row.length === columns).length / rest.length : 1
    if (consistency > best.consistency || (consistency === best.consistency && columns > best.columns))
      best = { delimiter, consistency, columns }
  }
  return best.delimiter
}

/** Excel's "sep=;" first line names the delimiter; Excel hides it, so it is not a row either. */
const SEP_LINE = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r)/i

export function parseTable(input: string, fileName: string): Table {
  let text = withoutBom(input)
  const sep = SEP_LINE.exec(text)
  if (sep) text = text.slice(sep[0].length)
  const delimiter = sep ? sep[1]! : detectDelimiter(text)
  const problems: Problem[] = []
  const problem = (where: string, message: string) => {
    if (problems.length < MAX_TABLE_PROBLEMS) problems.push({ file: fileName, where, message })
  }
  const parsed = Papa.parse<string[]>(text, { delimiter })
  const records = parsed.data
  // A final line break is not an empty last row.
  const last = records[records.length - 1]
  if (last && last.length === 1 && last[0] === '') records.pop()

  for (const error of parsed.errors) {
    if (error.type !== 'Quotes') continue
    const where = `row ${(error.row ?? 0) + 1}`
    problem(
      where,
      error.code === 'MissingQuotes'
        ? 'a quoted cell is not closed, so everything after its opening quote was read into that cell'
        : 'a cell has a stray quote mark after its closing quote'
    )
  }

  const headerIndex = records.findIndex((record) => !isEmpty(record))
  if (headerIndex < 0) return { delimiter, headers: [], rows: [], problems }
  const headerCells = records[headerIndex]!
  if (headerCells.length > MAX_COLUMNS)
    problem(`row ${headerIndex + 1}`, `has ${headerCells.length} columns; only the first ${MAX_COLUMNS} were read`)
  const headers = uniqueHeaders(headerCells.slice(0, MAX_COLUMNS))

  const rows: TableRow[] = []
  for (let index = headerIndex + 1; index < records.length; index++) {
    const record = records[index]!
    if (isEmpty(record)) continue
    const number = index + 1
    if (record.length > headers.length && record.slice(headers.length).some((cell) => cell.trim())) {
      problem(
        `row ${number}`,
        `has ${record.length} cells but the header names ${headers.length} columns; the cells beyond the last column were not read`
      )
    }
    rows.push({ number, cells: record.length > headers.length ? record.slice(0, headers.length) : record })
  }
  return { delimiter, headers, rows, problems }
}

function isEmpty(record: string[]): boolean {
  return record.every((cell) => cell.trim() === '')
}

function uniqueHeaders(cells: string[]): string[] {
  const taken = new Set<string>()
  return cells.map((cell, index) => {
    const name = cell.replace(/\s+/g, ' ').trim().slice(0, 200) || `Column ${index + 1}`
    let unique = name
    for (let count = 2; taken.has(unique.toLowerCase()); count++) unique = `${name} (${count})`
    taken.add(unique.toLowerCase())
    return unique
  })
}
