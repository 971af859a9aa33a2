/**
 * CSV for the interchange formats (TimelineJS's spreadsheet template, Timesketch's CSV), read and
 * written with papaparse. Rows are numbered as a spreadsheet numbers them: the header is row 1.
 */
import Papa from 'papaparse'
import { readCsvRows } from './csv-rows'
import { detectDelimiter } from './csv-table'

export interface CsvTable {
  /** Header cells as written (trimmed). */
  headers: string[]
  /** Data rows with their spreadsheet row numbers; empty rows are left out. */
  rows: { row: number; cells: string[] }[]
  /** Spreadsheet row numbers papaparse could not read cleanly, with what went wrong. */
  errors: { row: number; message: string }[]
  /** Set when the file is over one of CSV_LIMITS: nothing is read, and this says which cap. */
  refused?: string
}

// A cell starting with one of these is a formula to a spreadsheet; writers prefix it with an
// apostrophe (papaparse's own pattern misses multi-line cells, so ours has no `.*$`).
const FORMULA = /^[=+\-@\t\r]/

/** A cell as written, without the apostrophe a writer put before a formula-like value. */
export function unformula(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell
}

/** `hasColumns` is asked first: a file without the columns a reader needs is not read further. */
export function parseCsv(text: string, hasColumns?: (column: (name: string) => number) => boolean): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const read = readCsvRows(
    body,
    detectDelimiter(body),
    hasColumns && ((header) => hasColumns(headerIndex(header.map((c) => c.trim()))))
  )
  if (read.refused) return { headers: [], rows: [], errors: [], refused: read.refused }
  return {
    headers: read.header.map((c) => c.trim()),
    rows: read.rows.map(({ number, cells }) => ({ row: number, cells: cells.map(unformula) })),
    errors: read.notices.map((notice) => ({ row: notice.row, message: notice.message }))
  }
}

/** A header-name lookup that ignores case and spacing: "end  year" finds "End Year". */
export function headerIndex(headers: string[]): (name: string) => number {
  const map = new Map<string, number>()
  headers.forEach((h, i) => {
    const key = h.toLowerCase().replace(/\s+/g, ' ').trim()
    if (!map.has(key)) map.set(key, i)
  })
  return (name) => map.get(name.toLowerCase()) ?? -1
}

export function writeCsv(fields: string[], rows: string[][]): string {
  // A byte-order mark, so that Excel reads the file as UTF-8 (not its code page, which garbles – and Cyrillic).
  return '\uFEFF' + Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA }) + '\r\n'
}
