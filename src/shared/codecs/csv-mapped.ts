/**
 * A spreadsheet's rows read as events through the mapping the user confirmed. A row that cannot
 * be read is a problem naming its row and column; the other rows are imported.
 */
import { parsePeriod } from '../model/dates'
import { MAX_DISPLAY_DATE } from '../model/schema'
import type { Source } from '../model/schema'
import { DocumentBuilder, type ItemFields } from './build'
import {
  parseConfidence,
  parseNotes,
  parseSourcesJson,
  parseTags,
  splitUrls,
  unescapeFormula,
  webAddress
} from './csv-cells'
import type { Table, TableRow } from './csv-table'
import { dateColumnOrder, parseLooseDate, type DateOrder, type LooseDate } from './loose-dates'
import type { EventField, ReadContext, ReadResult, TableMapping } from './types'

const DATE_FIELDS: EventField[] = ['start', 'end', 'sourcePublished']
const MAX_TITLE = 500
const DERIVED_TITLE = 120

/** Which columns hold a field, in the file's order. */
type Columns = (field: EventField) => number[]

export function readMappedRows(table: Table, mapping: TableMapping, context: ReadContext): ReadResult {
  const builder = new DocumentBuilder(context.fileName, context.now)
  const columns = mappedColumns(table.headers, mapping)
  if (!columns('start').length)
    return failed(context, 'no column is mapped to the start date; choose the column that holds each event’s date')
  if (!columns('title').length && !columns('description').length)
    return failed(
      context,
      'no column is mapped to the title or the description; choose the column that names each event'
    )

  // A date column's day/month order: the user's choice, else what its own values settle.
  const orders = new Map<number, DateOrder | undefined>()
  for (const field of DATE_FIELDS)
    for (const index of columns(field)) {
      const chosen = own(mapping.dateOrder, table.headers[index]!)
      const valid = chosen === 'day-month' || chosen === 'month-day' ? chosen : undefined
      orders.set(index, valid ?? dateColumnOrder(table.rows.map((r) => r.cells[index] ?? '')).settled)
    }

  const row = new RowReader(table, columns, orders, builder, context)
  // A column the mapping ignores is not a silent loss: the mapping step showed it, with its values.
  for (const tableRow of table.rows) row.read(tableRow)
  row.summarise()

  const document = builder.finish()
  const problems = [...table.problems, ...builder.problems]
  if (!document.items.length) {
    if (!problems.length) problems.push({ file: context.fileName, message: 'has no events below its header' })
    return { status: 'failed', format: 'csv', problems }
  }
  return { status: 'ok', format: 'csv', document, problems }
}

/** A mapping comes from the user's choices; a header such as "constructor" must not find Object's. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

function mappedColumns(headers: string[], mapping: TableMapping): Columns {
  const columns = new Map<EventField, number[]>()
  headers.forEach((header, index) => {
    const field = own(mapping.columns, header)
    if (typeof field !== 'string' || field === 'ignore') return
    columns.set(field, [...(columns.get(field) ?? []), index])
  })
  return (field) => columns.get(field) ?? []
}

function failed(context: ReadContext, message: string): ReadResult {
  return { status: 'failed', format: 'csv', problems: [{ file: context.fileName, message }] }
}

class RowReader {
  private readonly unknownConfidence = new Map<number, Set<string>>()

  constructor(
    private readonly table: Table,
    private readonly columns: Columns,
    private readonly orders: Map<number, DateOrder | undefined>,
    private readonly builder: DocumentBuilder,
    private readonly context: ReadContext
  ) {}

  private cells(row: TableRow, field: EventField): { header: string; value: string }[] {
    return this.columns(field).map((index) => ({
      header: this.table.headers[index]!,
      value: unescapeFormula(row.cells[index] ?? '')
    }))
  }

  /** The first non-empty cell of a field (and its column), or the field's first column with ''. */
  private first(row: TableRow, field: EventField): { header: string; value: string; index: number } {
    const index = this.columns(field).find((i) => (row.cells[i] ?? '').trim() !== '') ?? this.columns(field)[0] ?? -1
    const header = index >= 0 ? this.table.headers[index]! : field
    return { header, value: index >= 0 ? unescapeFormula(row.cells[index] ?? '').trim() : '', index }
  }

  private readonly assumptions = new Map<string, { count: number; first: number }>()

  read(row: TableRow): void {
    const where = `row ${row.number}`
    const problem = (field: string, message: string) => this.builder.problem(where, field, message)

    const start = this.first(row, 'start')
    if (!start.value) return problem(start.header, 'is empty; every event needs a date')
    const from = parseLooseDate(start.value, this.orders.get(start.index))
    if (!from.ok) return problem(start.header, `"${clip(start.value)}" ${from.message}`)

    const endCell = this.first(row, 'end')
    let to: LooseDate | undefined
    if (endCell.value) {
      const parsed = parseLooseDate(endCell.value, this.orders.get(endCell.index))
      if (!parsed.ok) return problem(endCell.header, `"${clip(endCell.value)}" ${parsed.message}`)
      to = parsed.date
    }
    // What the reading assumed is said once per file ("seasons are northern"), with a count.
    for (const assumption of [...(from.date.assumed ?? []), ...(to?.assumed ?? [])]) {
      const seen = this.assumptions.get(assumption) ?? { count: 0, first: row.number }
      seen.count++
      this.assumptions.set(assumption, seen)
    }
    // Words the EDTF date cannot say ("early March 2025") are kept as the date as given.
    const displayDate =
      from.date.saysMore || to?.saysMore
        ? [start.value, endCell.value].filter(Boolean).join(' – ').slice(0, MAX_DISPLAY_DATE)
        : undefined
    // Each end keeps its own precision: "24 February 2022 – 2025" stays a day and a year.
    const startValue = from.date.value
    const endValue = to?.value
    if (endValue !== undefined && parsePeriod(endValue)!.end <= parsePeriod(startValue)!.start)
      return problem(endCell.header, `is ${clip(endCell.value)}, before '${start.header}' ${clip(start.value)}`)

    const description = this.cells(row, 'description')
      .map((c) => c.value.trim())
      .filter(Boolean)
      .join('\n\n')
    const titleCell = this.first(row, 'title')
    let title = this.cells(row, 'title')
      .map((c) => c.value.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' ')
    let longTitle = ''
    if (!title) {
      if (!description)
        return problem(
          titleCell.header,
          this.columns('title').length ? 'is empty; every event needs a title' : 'has no title or description'
        )
      title = shorten(
        description
          .split('\n')
          .find((line) => line.trim())!
          .trim(),
        DERIVED_TITLE
      )
    } else if (title.length > MAX_TITLE) {
      // The whole of an over-long title is kept, at the top of the description.
      longTitle = title
      title = shorten(title, DERIVED_TITLE)
    }

    const fields: ItemFields = {
      start: startValue,
      ...(endValue !== undefined && endValue !== startValue ? { end: endValue, kind: 'range' } : { kind: 'point' }),
      ...(displayDate ? { displayDate } : {}),
      title,
      description: longTitle ? `${longTitle}\n\n${description}`.trim() : description,
      groupId: this.builder.lane(this.first(row, 'group').value),
      tags: [...new Set(this.cells(row, 'tags').flatMap((c) => parseTags(c.value)))],
      confidence: this.confidence(row),
      notes: this.cells(row, 'notes').flatMap((c) => parseNotes(c.value, this.context.now)),
      sources: this.sources(row, problem)
    }
    const id = this.first(row, 'id').value
    this.builder.addItem(where, fields, id || undefined)
  }

  private confidence(row: TableRow): ItemFields['confidence'] {
    const cell = this.first(row, 'confidence')
    const level = parseConfidence(cell.value)
    if (level) return level
    const unknown = this.unknownConfidence.get(cell.index) ?? new Set<string>()
    unknown.add(cell.value)
    this.unknownConfidence.set(cell.index, unknown)
    return 'unverified'
  }

  private sources(row: TableRow, problem: (field: string, message: string) => void): Source[] {
    const all = [...this.cells(row, 'sourceUrl'), ...this.cells(row, 'sourceTitle'), ...this.cells(row, 'sourceOutlet')]
    for (const cell of all) {
      const exact = parseSourcesJson(cell.value)
      if (exact) return exact
    }
    const urls: string[] = []
    for (const cell of this.cells(row, 'sourceUrl'))
      for (const part of splitUrls(cell.value)) {
        const url = webAddress(part)
        if (url) urls.push(url)
        else problem(cell.header, `"${clip(part)}" is not a web address (http or https); it was left out`)
      }
    const lines = (field: EventField) =>
      this.cells(row, field)
        .flatMap((c) => c.value.split(/\r?\n|\r/))
        .map((l) => l.trim())
        .filter(Boolean)
    const titles = lines('sourceTitle')
    const outlets = lines('sourceOutlet')
    const published = this.publishedDates(row, problem)
    const count = Math.max(urls.length, titles.length || outlets.length || published.length ? 1 : 0)
    const sources: Source[] = []
    for (let i = 0; i < count; i++) {
      // Several addresses with as many titles (one per line) pair up; otherwise the first source gets them.
      const pick = (values: (string | null)[]) =>
        values.length === count ? (values[i] ?? null) : i === 0 ? values.join('; ') || null : null
      sources.push({
        title: clipTo(pick(titles), MAX_TITLE),
        outlet: clipTo(pick(outlets), MAX_TITLE),
        url: urls[i] ?? null,
        published: published.length === count ? (published[i] ?? null) : i === 0 ? (published[0] ?? null) : null
      })
    }
    return sources
  }

  private publishedDates(row: TableRow, problem: (field: string, message: string) => void): string[] {
    const dates: string[] = []
    for (const index of this.columns('sourcePublished')) {
      const header = this.table.headers[index]!
      for (const line of unescapeFormula(row.cells[index] ?? '').split(/\r?\n|\r/)) {
        if (!line.trim()) continue
        const parsed = parseLooseDate(line, this.orders.get(index))
        if (parsed.ok) dates.push(parsed.date.value)
        else problem(header, `"${clip(line)}" ${parsed.message}; the source was kept without it`)
      }
    }
    return dates
  }

  /** What is said about the file as a whole, once rather than on every row. */
  summarise(): void {
    for (const [assumption, { count, first }] of this.assumptions)
      this.builder.note(`row ${first}`, `${assumption} (${count === 1 ? 'one date' : `${count} dates`})`)
    for (const [index, values] of this.unknownConfidence) {
      const list = [...values].slice(0, 5).map((v) => `"${clip(v)}"`)
      this.builder.problem(
        undefined,
        this.table.headers[index],
        `has values Chronotes does not know as a confidence level (${list.join(', ')}${values.size > 5 ? ', …' : ''}); ` +
          'those events were marked unverified. Chronotes knows confirmed, reported, disputed and unverified.'
      )
    }
  }
}

function clip(value: string, length = 60): string {
  const flat = value.replace(/\s+/g, ' ')
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat
}

function clipTo(value: string | null, length: number): string | null {
  return value && value.length > length ? `${value.slice(0, length - 1)}…` : value
}

/** Cut at a word boundary, with an ellipsis. */
function shorten(text: string, length: number): string {
  if (text.length <= length) return text
  const cut = text.slice(0, length - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
