/**
 * CSV for the interchange formats (TimelineJS's spreadsheet template, Timesketch's CSV), read and
 * written with papaparse. Rows are numbered as a spreadsheet numbers them: the header is row 1.
 */
import Papa from 'papaparse'

export interface CsvTable {
  /** Header cells as written (trimmed). */
  headers: string[]
  /** Data rows with their spreadsheet row numbers; empty rows are left out. */
  rows: { row: number; cells: string[] }[]
  /** Spreadsheet row numbers papaparse could not read cleanly, with what went wrong. */
  errors: { row: number; message: string }[]
}

// A cell starting with one of these is a formula to a spreadsheet; writers prefix it with an
// apostrophe (papaparse's own pattern misses multi-line cells, so ours has no `.*$`).
const FORMULA = /^[=+\-@\t\r]/

/** A cell as written, without the apostrophe a writer put before a formula-like value. */
export function unformula(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell
}

export function parseCsv(text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let result: Papa.ParseResult<string[]>
  try {
    result = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] })
  } catch (error) {
    return { headers: [], rows: [], errors: [{ row: 1, message: `could not be read as CSV (${String(error)})` }] }
  }
  const data = result.data.filter(Array.isArray)
  const headerIndex = data.findIndex((cells) => cells.some((c) => String(c).trim() !== ''))
  const headers = headerIndex < 0 ? [] : data[headerIndex]!.map((c) => String(c).trim())
  const rows: CsvTable['rows'] = []
  for (let i = headerIndex + 1; headerIndex >= 0 && i < data.length; i++) {
    const cells = data[i]!.map((c) => unformula(String(c ?? '')))
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 1, cells })
  }
  const errors = result.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({
      row: (e.row ?? 0) + 1,
      message:
        e.code === 'MissingQuotes'
          ? 'has a quoted cell that is never closed, so the rest of the file may have run into it'
          : e.code === 'InvalidQuotes'
            ? 'has a stray quote inside a quoted cell'
            : e.message
    }))
  return { headers, rows, errors }
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
  return Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA }) + '\r\n'
}
