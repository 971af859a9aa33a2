/**
 * A spreadsheet file as rows of cells: delimiter detected (comma, semicolon or tab), RFC 4180
 * quoting (quoted cells may hold delimiters, quotes and line breaks), CRLF, LF or CR line ends.
 * Row numbers are those a spreadsheet shows: the header is row 1, and a cell with line breaks
 * does not push the rows below it down.
 */
import Papa from 'papaparse'
import type { Problem } from '../model/problems'
import { readCsvRows, type CsvRow } from './csv-rows'
import { withoutBom } from './text'

export type TableRow = CsvRow

export interface Table {
  delimiter: string
  /** Unique, trimmed column names; an empty one is "Column 3", a repeated one "Notes (2)". */
  headers: string[]
  /** The rows below the header that have anything in them. */
  rows: TableRow[]
  problems: Problem[]
  /** Set when the file is over one of CSV_LIMITS: nothing is read, and this says which cap. */
  refused?: string
}

const DELIMITERS = ['\t', ';', ','] as const
const SAMPLE_CHARS = 64 * 1024
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
  const read = readCsvRows(text, delimiter)
  const problems: Problem[] = read.notices
    .slice(0, MAX_TABLE_PROBLEMS)
    .map((notice) => ({ file: fileName, where: `row ${notice.row}`, message: notice.message }))
  if (read.refused) return { delimiter, headers: [], rows: [], problems, refused: read.refused }
  return { delimiter, headers: uniqueHeaders(read.header), rows: read.rows, problems }
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
