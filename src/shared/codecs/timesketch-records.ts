/**
 * Timesketch rows (CSV) and lines (JSONL) are the same records: `message`, `datetime` (ISO 8601),
 * `timestamp_desc`, optionally `timestamp` (microseconds) and `tag`, plus any other fields.
 *
 * Reading: message → title, datetime → start (to the second, in UTC), `tag` → tags, every other
 * field → a "key: value" list at the end of the description (readable, and nothing is dropped).
 * Writing: one record per event ("Event date", or "Event start" for ranges) and, for ranges, a
 * second record at the end ("Event end") so that Timesketch shows both moments. Chronotes' own
 * columns (chronotes_id, chronotes_kind, chronotes_start and chronotes_end as EDTF,
 * chronotes_display_date, lane, description,
 * confidence, sources, notes, the lane's id, colour and order, the event's created and updated
 * times, and on the first record the timeline's title and description) bring everything back
 * when Chronotes reads the file again.
 */
import { parsePeriod, readDate } from '../model/dates'
import { v1DateToEdtf } from '../model/migrations'
import type { TimelineDocument, TimelineItem } from '../model/schema'
import { keptTimes, type DocumentBuilder } from './build'
import {
  clamp,
  clampTitle,
  cleanTags,
  MAX_TEXT,
  parseConfidence,
  parseJsonList,
  repairNotes,
  repairSources
} from './timelinejs-fields'
import { escapeMarkdown } from './timelinejs-html'

export type TimesketchRecord = Record<string, unknown>

export const START_DESC = 'Event date'
export const RANGE_START_DESC = 'Event start'
export const END_DESC = 'Event end'

/** The columns Chronotes writes, in order; Timesketch's three required ones first. */
export const TIMESKETCH_COLUMNS = [
  'message',
  'datetime',
  'timestamp',
  'timestamp_desc',
  'tag',
  'chronotes_id',
  'chronotes_kind',
  'chronotes_start',
  'chronotes_end',
  'chronotes_display_date',
  'lane',
  'description',
  'confidence',
  'sources',
  'notes',
  'chronotes_lane_id',
  'chronotes_lane_color',
  'chronotes_lane_order',
  'chronotes_created',
  'chronotes_updated',
  'chronotes_timeline_title',
  'chronotes_timeline_description'
] as const

/** Fields that are not the event's own data: Timesketch's search-index bookkeeping. */
const INTERNAL = /^(_index|_type|_source|_score|__ts_.*)$/
// chronotes_precision: written by Chronotes before dates were EDTF (schema version 1).
const KNOWN = new Set<string>([...TIMESKETCH_COLUMNS, 'tags', '_id', 'chronotes_precision'])

/** How precisely an instant is known, when a record gives only an instant. */
type InstantPrecision = 'year' | 'month' | 'day' | 'second'
/** chronotes_precision as version 1 wrote it; its minute is a second now (the seconds are :00). */
const V1_PRECISIONS: Record<string, InstantPrecision> = { year: 'year', month: 'month', day: 'day', minute: 'second' }

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/

/** An instant from ISO 8601 text; `dateOnly` when it names a day with no time. */
export function parseIsoDateTime(text: string): { ms: number; dateOnly: boolean } | null {
  const m = ISO.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s, zone] = m
  const day = parsePeriod(`${y}-${mo}-${d}`)
  if (!day || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 60) return null
  let offset = 0
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.replace(':', '')
    offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0)) * (zone[0] === '-' ? -1 : 1)
  }
  const ms = day.start + (Number(h ?? 0) * 60 + Number(mi ?? 0) - offset) * 60_000 + Number(s ?? 0) * 1000
  return { ms, dateOnly: h === undefined }
}

/**
 * Timesketch's `timestamp` is microseconds since 1970, but files carry seconds, milliseconds or
 * nanoseconds too; the unit is told by the size (for dates between 1973 and 5138): under 10^11
 * seconds, under 10^14 milliseconds, under 10^17 microseconds, else nanoseconds.
 */
export function timestampMs(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : NaN
  if (!Number.isFinite(n)) return null
  const abs = Math.abs(n)
  return abs >= 1e17 ? n / 1e6 : abs >= 1e14 ? n / 1000 : abs >= 1e11 ? n : n * 1000
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The precision of a date as an instant's, so that an end record is read like its start ("Event end" of a day is a day). */
function instantPrecision(value: string): InstantPrecision | null {
  const precision = readDate(value)?.precision
  return precision === 'year' || precision === 'month' || precision === 'day' || precision === 'second'
    ? precision
    : null
}

/** An instant cut to a precision, as an EDTF date in UTC; null outside years 1–9999. */
export function instantToValue(ms: number, precision: InstantPrecision): string | null {
  if (!Number.isFinite(ms)) return null
  const d = new Date(ms)
  const year = d.getUTCFullYear()
  if (!Number.isFinite(year) || year < 1 || year > 9999) return null
  const parts = [
    pad(year, 4),
    pad(d.getUTCMonth() + 1),
    pad(d.getUTCDate()),
    pad(d.getUTCHours()),
    pad(d.getUTCMinutes()),
    pad(d.getUTCSeconds())
  ]
  if (precision === 'year') return parts[0]!
  if (precision === 'month') return parts.slice(0, 2).join('-')
  const day = parts.slice(0, 3).join('-')
  return precision === 'day' ? day : `${day}T${parts[3]}:${parts[4]}:${parts[5]}Z`
}

/** The first instant of a Chronotes date, as Timesketch writes datetimes: 2014-04-12T09:30:00+00:00. */
export function valueToIso(value: string): string {
  const period = parsePeriod(value)
  return `${new Date(period ? period.start : 0).toISOString().slice(0, 19)}+00:00`
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''

/** Timesketch's `tag`: a list, a JSON list in text, comma-separated text, or "-" for none. */
function readTags(value: unknown): string[] {
  if (Array.isArray(value)) return cleanTags(value)
  const raw = text(value).trim()
  if (!raw || raw === '-') return []
  if (raw.startsWith('[')) return cleanTags(parseJsonList(raw) ?? [])
  return cleanTags(raw.split(','))
}

/** `sources` / `notes`: a list, or (in CSV) a list written as JSON. */
function jsonList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  return typeof value === 'string' && value.trim() ? (parseJsonList(value) ?? []) : []
}

function extraValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  const shown = typeof value === 'object' ? JSON.stringify(value) : text(value)
  return clamp(shown.replace(/\s+/g, ' ').trim(), 2000)
}

interface Dated {
  ms: number
  precision: InstantPrecision
  /** The field the date was read from, for a problem to name. */
  field: 'datetime' | 'timestamp'
  /** Set when `timestamp` says another moment than `datetime` (which is kept). */
  disagreement?: string
}

/** Where an event is in time: Chronotes' precision if the record says it, else minute (or day for a bare date). */
function recordDate(record: TimesketchRecord): Dated | { field: string; message: string } {
  const stated = V1_PRECISIONS[text(record['chronotes_precision']).trim()] ?? null
  const raw = text(record['datetime']).trim()
  const stamp =
    record['timestamp'] === undefined || record['timestamp'] === '' ? null : timestampMs(record['timestamp'])
  if (raw) {
    const instant = parseIsoDateTime(raw)
    if (instant) {
      const dated: Dated = {
        ms: instant.ms,
        precision: stated ?? (instant.dateOnly ? 'day' : 'second'),
        field: 'datetime'
      }
      // A bare date says only its day; otherwise a second's difference is a disagreement.
      const tolerance = instant.dateOnly ? 86_400_000 : 1000
      // Near 1970 (and before it) the size cannot tell the unit, so a timestamp agrees in any unit.
      const agrees = (ms: number) => {
        const off = instant.dateOnly ? ms - instant.ms : Math.abs(ms - instant.ms)
        return off >= 0 && off < tolerance
      }
      const stampNumber = stamp === null ? NaN : Number(record['timestamp'])
      const units = [1000, 1, 1e-3, 1e-6].map((factor) => stampNumber * factor)
      if (stamp !== null && !units.some(agrees) && Number.isFinite(new Date(stamp).getTime()))
        dated.disagreement = `is ${new Date(stamp).toISOString()}, but datetime says ${raw.slice(0, 40)}; the datetime was kept`
      return dated
    }
    const loose = readDate(raw)
    if (loose && (loose.precision === 'year' || loose.precision === 'month'))
      return { ms: loose.earliest, precision: stated ?? loose.precision, field: 'datetime' }
    return {
      field: 'datetime',
      message: `is "${raw.slice(0, 40)}", not an ISO 8601 date like 2015-07-24T19:01:01+00:00`
    }
  }
  if (stamp !== null) return { ms: stamp, precision: stated ?? 'second', field: 'timestamp' }
  if (record['timestamp'] !== undefined && record['timestamp'] !== '')
    return {
      field: 'timestamp',
      message: `is "${text(record['timestamp']).slice(0, 40)}", not a number (and there is no datetime)`
    }
  return { field: 'datetime', message: 'is missing (and there is no timestamp)' }
}

/**
 * Reads records into the builder. A range Chronotes wrote comes as two records (start and
 * "Event end") with one chronotes_id: the end record is folded into its event, not read twice.
 */
export function readTimesketchRecords(
  builder: DocumentBuilder,
  records: { where: string; record: TimesketchRecord }[],
  now: Date
): void {
  const ids = (r: TimesketchRecord) => text(r['chronotes_id']).trim()
  const isEnd = (r: TimesketchRecord) => text(r['timestamp_desc']).trim() === END_DESC && ids(r) !== ''
  const starts = new Set(records.filter(({ record }) => !isEnd(record)).map(({ record }) => ids(record)))
  const endRecords = new Map<string, TimesketchRecord>()
  for (const { record } of records) if (isEnd(record) && starts.has(ids(record))) endRecords.set(ids(record), record)

  let titled = false
  for (const { where, record } of records) {
    if (isEnd(record) && starts.has(ids(record))) continue
    const message = text(record['message'])
    if (!message.trim()) {
      builder.problem(where, 'message', 'is missing; Timesketch requires a message for every event')
      continue
    }
    const date = recordDate(record)
    if ('message' in date) {
      builder.problem(where, date.field, date.message)
      continue
    }
    // chronotes_start is the EDTF date Chronotes wrote ("2016~", "2025-03-05T14:30:00+02:00"); datetime is its first instant.
    const edtfStart = text(record['chronotes_start']).trim()
    const start = edtfStart && readDate(edtfStart) ? edtfStart : instantToValue(date.ms, date.precision)
    if (!start) {
      builder.problem(where, date.field, 'is outside the years Chronotes holds (1 to 9999)')
      continue
    }
    if (edtfStart && start !== edtfStart)
      builder.problem(
        where,
        'chronotes_start',
        `is "${edtfStart.slice(0, 40)}", not an EDTF date; datetime was read instead`
      )
    if (date.disagreement) builder.problem(where, 'timestamp', date.disagreement)
    let end: string | undefined
    const endText = v1DateToEdtf(text(record['chronotes_end']).trim())
    const endRecord = endRecords.get(ids(record))
    if (endText || endRecord) {
      const endDate = endText ? null : recordDate(endRecord!)
      const value = endText
        ? readDate(endText) && endText
        : endDate && 'ms' in endDate && Number.isFinite(endDate.ms)
          ? instantToValue(endDate.ms, instantPrecision(start) ?? endDate.precision)
          : null
      if (!value) {
        const message = endText
          ? `is "${endText.slice(0, 40)}", not an EDTF date like 2014-04-12`
          : `has no readable end: its "${END_DESC}" record's datetime cannot be read`
        builder.problem(where, 'chronotes_end', message)
        continue
      }
      if (parsePeriod(value)!.end <= parsePeriod(start)!.start) {
        builder.problem(where, 'chronotes_end', `is ${value}, before the start ${start}`)
        continue
      }
      end = value
    }
    const kind = text(record['chronotes_kind']).trim()
    const description = [text(record['description'])]
    const title = clampTitle(message)
    if (title !== message.replace(/\s+/g, ' ').trim()) description.unshift(escapeMarkdown(message))
    const extras = Object.entries(record)
      .filter(([key]) => !KNOWN.has(key) && !INTERNAL.test(key))
      .map(([key, value]) => [key, extraValue(value)] as const)
      .filter(([, value]) => value !== '')
    const ours = [START_DESC, RANGE_START_DESC].includes(text(record['timestamp_desc']).trim())
    const stamp = ours ? '' : extraValue(record['timestamp_desc'])
    const list = [...(stamp ? [['timestamp_desc', stamp] as const] : []), ...extras]
    if (list.length) description.push(list.map(([k, v]) => `- ${escapeMarkdown(k)}: ${escapeMarkdown(v)}`).join('\n'))
    const confidence = parseConfidence(record['confidence'])
    const tags = readTags(record['tag'] ?? record['tags'])
    if (text(record['chronotes_timeline_title']).trim() && !titled) {
      titled = true
      builder.document.title = clampTitle(text(record['chronotes_timeline_title']))
      builder.document.description = clamp(text(record['chronotes_timeline_description']), MAX_TEXT)
    }
    const laneId = text(record['chronotes_lane_id']).trim()
    const displayDate = text(record['chronotes_display_date']).trim()
    builder.addItem(
      where,
      {
        groupId: laneId
          ? builder.describedLane({
              id: laneId,
              title: text(record['lane']),
              color: text(record['chronotes_lane_color']).trim(),
              order: text(record['chronotes_lane_order']).trim()
            })
          : builder.lane(text(record['lane'])),
        ...keptTimes(text(record['chronotes_created']).trim(), text(record['chronotes_updated']).trim()),
        start,
        ...(end ? { end } : {}),
        ...(end && (kind === 'background' || kind === 'range') ? { kind } : {}),
        ...(displayDate ? { displayDate } : {}),
        title,
        description: clamp(description.filter((d) => d.trim()).join('\n\n'), MAX_TEXT),
        tags,
        ...(confidence ? { confidence } : {}),
        sources: repairSources(jsonList(record['sources'])),
        notes: repairNotes(jsonList(record['notes']), now)
      },
      ids(record) || text(record['_id']).trim() || undefined
    )
  }
}

/** The records for a document's events: one per event, and one more at the end of a range. */
export function timesketchRecords(document: TimelineDocument, items: TimelineItem[]): TimesketchRecord[] {
  const lanes = new Map(document.groups.map((g) => [g.id, g]))
  const records: TimesketchRecord[] = []
  const moment = (value: string) => {
    const period = parsePeriod(value)
    return { datetime: valueToIso(value), timestamp: (period?.start ?? 0) * 1000 }
  }
  for (const [index, item] of items.entries()) {
    const group = lanes.get(item.groupId)
    const lane = group?.title ?? ''
    records.push({
      message: item.title,
      ...moment(item.start),
      timestamp_desc: item.end ? RANGE_START_DESC : START_DESC,
      tag: item.tags,
      chronotes_id: item.id,
      chronotes_kind: item.kind,
      chronotes_start: item.start,
      ...(item.end ? { chronotes_end: item.end } : {}),
      ...(item.displayDate ? { chronotes_display_date: item.displayDate } : {}),
      lane,
      description: item.description,
      confidence: item.confidence,
      sources: JSON.stringify(item.sources),
      notes: JSON.stringify(item.notes),
      chronotes_lane_id: item.groupId,
      ...(group ? { chronotes_lane_color: group.color, chronotes_lane_order: group.order } : {}),
      chronotes_created: item.createdAt,
      chronotes_updated: item.updatedAt,
      // The timeline's own title and description, once (Timesketch has no place for them).
      ...(index === 0
        ? { chronotes_timeline_title: document.title, chronotes_timeline_description: document.description }
        : {})
    })
    if (item.end) {
      records.push({
        message: item.title,
        ...moment(item.end),
        timestamp_desc: END_DESC,
        chronotes_id: item.id,
        chronotes_kind: item.kind,
        lane
      })
    }
  }
  return records
}
