/**
 * Timesketch's import formats (https://timesketch.org/guides/user/import-from-json-csv/): CSV with
 * a header row, or JSONL with one JSON object per line. What maps to what is in timesketch-records.ts.
 */
import { crowdedJson } from '../model/json-crowding'
import type { Problem } from '../model/problems'
import type { TimelineDocument } from '../model/schema'
import { DocumentBuilder } from './build'
import { guarded, selectedItems, tooLarge } from './timelinejs-common'
import { headerIndex, parseCsv, writeCsv } from './timelinejs-csv'
import {
  readTimesketchRecords,
  TIMESKETCH_COLUMNS,
  timesketchRecords,
  type TimesketchRecord
} from './timesketch-records'
import type { FormatId, ReadResult, Reader, Writer } from './types'
import { firstSignificantChar, linesOf, withoutBom } from './text'

const REQUIRED = ['message', 'datetime', 'timestamp_desc']

function finish(format: FormatId, builder: DocumentBuilder, records: number, fileName: string): ReadResult {
  const document = builder.finish()
  if (!document.items.length && (builder.problems.length || !records)) {
    const problems = builder.problems.length
      ? inFileOrder(builder.problems)
      : [{ file: fileName, message: 'has no events' }]
    return { status: 'failed', format, problems }
  }
  return { status: 'ok', format, document, problems: inFileOrder(builder.problems) }
}

/** Problems in the order of the lines or rows they name (unreadable lines are found in an earlier pass). */
function inFileOrder(problems: Problem[]): Problem[] {
  const place = (p: Problem) => Number(/\d+/.exec(p.where ?? '')?.[0] ?? 0)
  return [...problems].sort((a, b) => place(a) - place(b))
}

function readCsv(text: string, fileName: string, now: Date): ReadResult {
  const refused = tooLarge('timesketch-csv', text, fileName)
  if (refused) return refused
  const hasColumns = (column: (name: string) => number) =>
    column('message') >= 0 && (column('datetime') >= 0 || column('timestamp') >= 0)
  const table = parseCsv(text, hasColumns)
  if (table.refused)
    return { status: 'failed', format: 'timesketch-csv', problems: [{ file: fileName, message: table.refused }] }
  const column = headerIndex(table.headers)
  if (!hasColumns(column)) {
    const missing = REQUIRED.filter((name) => column(name) < 0)
    return {
      status: 'failed',
      format: 'timesketch-csv',
      problems: [
        { file: fileName, where: 'row 1', message: `is missing the Timesketch column(s) ${missing.join(', ')}` }
      ]
    }
  }
  const builder = new DocumentBuilder(fileName, now)
  for (const error of table.errors) builder.problem(`row ${error.row}`, undefined, error.message)
  // Timesketch's own and Chronotes' columns are known whatever their case ("Message"); others keep theirs.
  const known = new Set<string>([...TIMESKETCH_COLUMNS, 'tags', '_id'])
  const keys = table.headers.map((h) => (known.has(h.toLowerCase()) ? h.toLowerCase() : h))
  const records = table.rows.map(({ row, cells }) => {
    const record: TimesketchRecord = {}
    keys.forEach((key, index) => {
      // An empty cell is an absent field, as pandas reads it for Timesketch.
      if (key && !(key in record) && (cells[index] ?? '') !== '') record[key] = cells[index]
    })
    return { where: `row ${row}`, record }
  })
  readTimesketchRecords(builder, records, now)
  return finish('timesketch-csv', builder, records.length, fileName)
}

function readJsonl(text: string, fileName: string, now: Date): ReadResult {
  const refused = tooLarge('timesketch-jsonl', text, fileName)
  if (refused) return refused
  const crowded = crowdedJson(text)
  if (crowded) return { status: 'failed', format: 'timesketch-jsonl', problems: [{ file: fileName, message: crowded }] }
  const builder = new DocumentBuilder(fileName, now)
  const records: { where: string; record: TimesketchRecord }[] = []
  for (const { number, line } of linesOf(withoutBom(text))) {
    if (!line.trim()) continue
    const where = `line ${number}`
    // Not an object at all (a CSV opened as JSONL): said without the cost of a failed parse on every line.
    if (firstSignificantChar(line) !== '{') {
      builder.problem(where, undefined, 'is not a JSON object; each line of a Timesketch JSONL file is one event')
      continue
    }
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      builder.problem(where, undefined, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`)
      continue
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      builder.problem(where, undefined, 'is not a JSON object; each line of a Timesketch JSONL file is one event')
      continue
    }
    records.push({ where, record: value as TimesketchRecord })
  }
  readTimesketchRecords(builder, records, now)
  return finish('timesketch-jsonl', builder, records.length, fileName)
}

function firstLine(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const match = /^\s*(.*)/.exec(body.slice(0, 100_000))
  return match?.[1] ?? ''
}

export const timesketchCsvReader: Reader = {
  format: 'timesketch-csv',
  label: 'Timesketch CSV',
  extensions: ['.csv'],
  sniff(text) {
    const headers = firstLine(text)
      .split(/[,\t;]/)
      .map((h) => h.replace(/^"|"$/g, '').trim().toLowerCase())
    if (!headers.includes('message')) return 0
    if (headers.includes('datetime') && headers.includes('timestamp_desc')) return 0.95
    return headers.includes('datetime') || headers.includes('timestamp') ? 0.6 : 0
  },
  read: (text, context) =>
    guarded('timesketch-csv', context.fileName, () => readCsv(text, context.fileName, context.now))
}

export const timesketchJsonlReader: Reader = {
  format: 'timesketch-jsonl',
  label: 'Timesketch JSONL',
  extensions: ['.jsonl'],
  sniff(text, fileName) {
    try {
      const first: unknown = JSON.parse(firstLine(text))
      if (typeof first !== 'object' || first === null || Array.isArray(first)) return 0
      const keys = Object.keys(first)
      if (!keys.includes('message') || !(keys.includes('datetime') || keys.includes('timestamp'))) return 0
      return fileName.toLowerCase().endsWith('.jsonl') || keys.includes('timestamp_desc') ? 0.95 : 0.7
    } catch {
      return 0
    }
  },
  read: (text, context) =>
    guarded('timesketch-jsonl', context.fileName, () => readJsonl(text, context.fileName, context.now))
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return JSON.stringify(value)
  return String(value)
}

export const timesketchCsvWriter: Writer = {
  format: 'timesketch-csv',
  label: 'Timesketch CSV',
  extension: '.csv',
  mimeType: 'text/csv',
  write(document: TimelineDocument, options) {
    const records = timesketchRecords(document, selectedItems(document, options?.itemIds))
    return writeCsv(
      [...TIMESKETCH_COLUMNS],
      records.map((record) => TIMESKETCH_COLUMNS.map((column) => cell(record[column])))
    )
  }
}

export const timesketchJsonlWriter: Writer = {
  format: 'timesketch-jsonl',
  label: 'Timesketch JSONL',
  extension: '.jsonl',
  mimeType: 'application/x-ndjson',
  write(document: TimelineDocument, options) {
    const records = timesketchRecords(document, selectedItems(document, options?.itemIds))
    return records.map((record) => JSON.stringify(record)).join('\n') + (records.length ? '\n' : '')
  }
}
