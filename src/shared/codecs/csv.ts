/**
 * CSV and TSV from any spreadsheet. A file is read in two steps: first its columns are shown
 * with a suggested mapping (status 'needs-mapping'), then, with the mapping the user confirmed
 * in `context.mapping`, its rows become events. Chronotes' own CSV export skips the first step,
 * because its headers say exactly what each column holds.
 *
 * The TimelineJS spreadsheet template and Timesketch's CSV are CSV too; this reader scores them
 * low so that their own readers, which know their columns, are picked instead.
 */
import Papa from 'papaparse'
import { writeExportCsv, readExportRows } from './csv-export'
import { isChronotesExport, normaliseHeader, suggestMapping } from './csv-columns'
import { readMappedRows } from './csv-mapped'
import { detectDelimiter, parseTable, type Table } from './csv-table'
import { readSafely } from './guard'
import { dateColumnOrder } from './loose-dates'
import { withoutBom } from './text'
import type { ReadContext, ReadResult, Reader, Writer } from './types'

const SAMPLE_ROWS = 10
const SAMPLE_CELL = 300

export const csvReader: Reader = {
  format: 'csv',
  label: 'Spreadsheet (CSV or TSV)',
  extensions: ['.csv', '.tsv', '.tab', '.txt'],
  sniff(text, fileName) {
    try {
      return sniffCsv(text, fileName)
    } catch {
      return 0
    }
  },
  read(text, context) {
    return readSafely('csv', context, () => readCsv(text, context))
  }
}

export const csvWriter: Writer = {
  format: 'csv',
  label: 'Spreadsheet (CSV)',
  extension: '.csv',
  mimeType: 'text/csv',
  write: writeExportCsv
}

function sniffCsv(text: string, fileName: string): number {
  const head = withoutBom(text).slice(0, 16 * 1024)
  if (/^\s*[[{]/.test(head)) return 0.05
  const tabular = /\.(csv|tsv|tab)$/i.test(fileName)
  const firstLine = head.split(/\r\n|\n|\r/, 1)[0] ?? ''
  if (!/[,;\t]/.test(firstLine)) return tabular ? 0.2 : 0
  const headers = (Papa.parse<string[]>(head, { delimiter: detectDelimiter(head), preview: 1 }).data[0] ?? []).map(
    normaliseHeader
  )
  if (isChronotesExport(headers)) return 0.7
  const has = (name: string) => headers.includes(name)
  // Leave these to the TimelineJS spreadsheet and Timesketch readers.
  if (has('headline') && has('year')) return 0.3
  if (has('message') && (has('datetime') || has('timestampdesc'))) return 0.3
  return tabular ? 0.5 : 0.4
}

function readCsv(text: string, context: ReadContext): ReadResult {
  const fail = (message: string): ReadResult => ({
    status: 'failed',
    format: 'csv',
    problems: [{ file: context.fileName, message }]
  })
  if (!withoutBom(text).trim()) return fail('is empty')
  const table = parseTable(text, context.fileName)
  if (table.refused) return fail(table.refused)
  if (!table.headers.length) return fail('is empty')
  if (!table.rows.length) return fail('has a header row but no rows below it')
  if (context.mapping) return readMappedRows(table, context.mapping, context)
  if (isChronotesExport(table.headers)) return readExportRows(table, context)
  return { status: 'needs-mapping', format: 'csv', ...preview(table, context), problems: table.problems }
}

function preview(
  table: Table,
  context: ReadContext
): Pick<Extract<ReadResult, { status: 'needs-mapping' }>, 'preview' | 'suggested'> {
  const sample = table.rows
    .slice(0, SAMPLE_ROWS)
    .map((row) => table.headers.map((_, i) => (row.cells[i] ?? '').slice(0, SAMPLE_CELL)))
  const ambiguousDateColumns = table.headers.filter(
    (_, index) => dateColumnOrder(table.rows.map((row) => row.cells[index] ?? '')).ambiguous
  )
  return {
    preview: {
      delimiter: table.delimiter,
      encoding: context.encoding ?? 'UTF-8',
      headers: table.headers,
      sample,
      rowCount: table.rows.length,
      ambiguousDateColumns
    },
    suggested: suggestMapping(
      table.headers,
      table.rows.slice(0, 50).map((row) => row.cells)
    )
  }
}
