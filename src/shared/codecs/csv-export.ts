/**
 * Chronotes' own CSV: one row per event, every field in its own column, notes and sources as JSON
 * lists, so that a timeline exported to a spreadsheet and read back is the same timeline (its
 * events, notes, sources and lanes; the document's own title and id are not in a CSV). A file
 * with these headers is read without a mapping step: it says what each column holds.
 */
import { parseEdtf } from '../model/edtf'
import { v1DateToEdtf } from '../model/migrations'
import { newId } from '../model/ids'
import {
  ITEM_KINDS,
  NoteSchema,
  type Group,
  type ItemKind,
  type TimelineDocument,
  type TimelineItem
} from '../model/schema'
import { DocumentBuilder } from './build'
import { selectItems } from './chronotes-json'
import {
  escapeFormula,
  formatTags,
  parseConfidence,
  parseNotes,
  parseSourcesJson,
  parseTags,
  splitUrls,
  unescapeFormula,
  webAddress
} from './csv-cells'
import { EXPORT_COLUMNS, exportColumnIndexes, normaliseHeader, type ExportColumn } from './csv-columns'
import type { Table } from './csv-table'
import type { ReadContext, ReadResult, WriteOptions } from './types'

export function writeExportCsv(document: TimelineDocument, options?: WriteOptions): string {
  const lanes = new Map(document.groups.map((g) => [g.id, g]))
  const rows = selectItems(document, options).items.map((item) => {
    const lane = lanes.get(item.groupId)
    const cells: Record<ExportColumn, string> = {
      id: item.id,
      start: item.start,
      end: item.end ?? '',
      displayDate: item.displayDate ?? '',
      kind: item.kind,
      lane: lane?.title ?? '',
      title: item.title,
      description: item.description,
      tags: item.tags.length ? formatTags(item.tags) : '',
      confidence: item.confidence,
      notes: item.notes.length
        ? JSON.stringify(
            item.notes.map(({ id, author, body, createdAt, updatedAt }) => ({ id, author, body, createdAt, updatedAt }))
          )
        : '',
      sources: item.sources.length
        ? JSON.stringify(item.sources.map(({ title, outlet, url, published }) => ({ title, outlet, url, published })))
        : '',
      laneId: item.groupId,
      laneColor: lane?.color ?? '',
      laneOrder: lane ? String(lane.order) : '',
      createdAt: item.createdAt,
      updatedAt: item.updatedAt
    }
    return EXPORT_COLUMNS.map((column) => cells[column])
  })
  // A byte-order mark makes Excel read the file as UTF-8; CRLF line ends are RFC 4180's.
  return '\uFEFF' + [[...EXPORT_COLUMNS], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** RFC 4180: quoted when it holds a comma, quote or line break; formulas made inert first. */
function csvCell(value: string): string {
  const cell = escapeFormula(value)
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

/** Reads a CSV with the export's headers: every column as the export wrote it. */
export function readExportRows(table: Table, context: ReadContext): ReadResult {
  const builder = new DocumentBuilder(context.fileName, context.now)
  const index = exportColumnIndexes(table.headers)
  const stamp = context.now.toISOString()
  const lanes = new Map<string, Group>()
  const usedLaneIds = new Set<string>()

  // "precision": a version 1 export's column, now read from the dates themselves.
  const known = new Set<string>([...EXPORT_COLUMNS.map((c) => c.toLowerCase()), 'precision'])
  const unknown = table.headers.flatMap((header, i) => (known.has(normaliseHeader(header)) ? [] : [i]))
  for (const row of table.rows) {
    const where = `row ${row.number}`
    for (const i of unknown) if ((row.cells[i] ?? '').trim()) builder.notImported(table.headers[i]!, 'rows')
    const cell = (column: ExportColumn) => (index[column] >= 0 ? unescapeFormula(row.cells[index[column]] ?? '') : '')
    const problem = (column: ExportColumn, message: string) => builder.problem(where, column, message)

    const start = v1DateToEdtf(cell('start').trim())
    const end = v1DateToEdtf(cell('end').trim()) || undefined
    const parsedStart = parseEdtf(start)
    if (!parsedStart.ok) {
      problem('start', start ? parsedStart.message : 'is empty')
      continue
    }
    const displayDate = cell('displayDate').trim()
    const writtenKind = cell('kind').trim()
    const kind: ItemKind = (ITEM_KINDS as readonly string[]).includes(writtenKind)
      ? (writtenKind as ItemKind)
      : end && end !== start
        ? 'range'
        : 'point'

    const confidenceCell = cell('confidence')
    const confidence = parseConfidence(confidenceCell)
    if (!confidence)
      problem('confidence', `"${confidenceCell.slice(0, 60)}" is not a confidence level; it was marked unverified`)

    const item: Partial<TimelineItem> & Pick<TimelineItem, 'start' | 'title'> = {
      kind,
      start,
      ...(kind === 'point' ? {} : { end: end ?? '' }),
      ...(displayDate ? { displayDate } : {}),
      groupId: lane(cell('lane'), cell('laneId').trim(), cell('laneColor').trim(), cell('laneOrder').trim()),
      title: cell('title'),
      description: cell('description'),
      tags: parseTags(cell('tags'), true),
      confidence: confidence ?? 'unverified',
      notes: parseNotes(cell('notes'), context.now),
      sources: sources(cell('sources'), (message) => problem('sources', message)),
      createdAt: timestamp(cell('createdAt'), stamp),
      updatedAt: timestamp(cell('updatedAt'), stamp)
    }
    const id = cell('id').trim()
    builder.addItem(where, item, id || undefined)
  }

  // Lanes keep the order numbers the file gives them (lanes without events are not in a CSV).
  const groups = [...lanes.values()].sort((a, b) => a.order - b.order)
  builder.document.groups.push(...groups)
  const document = builder.finish()
  if (!document.items.length) {
    const problems = [...table.problems, ...builder.problems]
    if (!problems.length) problems.push({ file: context.fileName, message: 'has no events below its header' })
    return { status: 'failed', format: 'csv', problems }
  }
  return { status: 'ok', format: 'csv', document, problems: [...table.problems, ...builder.problems] }

  /** The id of the lane a row names: the file's own lane id when it is usable, its colour and place. */
  function lane(title: string, id: string, color: string, order: string): string {
    const name = title.trim() ? title : 'Events'
    const key = id ? `id:${id}` : `title:${name.toLowerCase()}`
    let group = lanes.get(key)
    if (!group) {
      const usable = id && id.length <= 200 && !usedLaneIds.has(id)
      group = {
        id: usable ? id : newId(),
        title: name.slice(0, 500),
        color: /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#4e79a7',
        order: /^-?\d{1,6}$/.test(order) ? Number(order) : 1_000_000 + lanes.size
      }
      usedLaneIds.add(group.id)
      lanes.set(key, group)
    }
    return group.id
  }
}

function timestamp(value: string, fallback: string): string {
  const text = value.trim()
  return NoteSchema.shape.createdAt.safeParse(text).success ? text : fallback
}

function sources(cell: string, problem: (message: string) => void): TimelineItem['sources'] {
  if (!cell.trim()) return []
  const exact = parseSourcesJson(cell)
  if (exact) return exact
  // Edited by hand into a list of addresses: each becomes a source.
  const found: TimelineItem['sources'] = []
  for (const part of splitUrls(cell)) {
    const url = webAddress(part)
    if (url) found.push({ title: null, outlet: null, url, published: null })
    else problem(`"${part.slice(0, 60)}" is not a web address (http or https); it was left out`)
  }
  return found
}
