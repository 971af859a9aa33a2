/**
 * vis-timeline item arrays (https://visjs.github.io/vis-timeline/docs/timeline/#items), read only:
 * a JSON array of `{ id, content, start, end?, group?, type?, title?, className?, style? }`, or
 * `{ items, groups }` with groups `{ id, content }`. `content` and `title` are HTML in vis, read
 * here as text: content → title, title (the tooltip) → description. A date is day-precise, or
 * precise to the second when it has a time of day; one written "2014" or "2014-04" keeps that precision.
 * Times without a zone are read as UTC (vis would use the viewer's zone). className and style are dropped.
 */
import { readDate } from '../model/dates'
import { DocumentBuilder } from './build'
import { guarded, parseJson, tooLarge } from './timelinejs-common'
import { clampTitle, clamp, MAX_TEXT } from './timelinejs-fields'
import { htmlToMarkdown, htmlToPlainText } from './timelinejs-html'
import { instantToValue, parseIsoDateTime } from './timesketch-records'
import type { ReadResult, Reader } from './types'
import { firstSignificantChar } from './text'

const FORMAT = 'vis-items'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''

type VisDate = { ms: number; precision: 'year' | 'month' | 'day' | 'second' } | { message: string }

function isMidnight(ms: number): boolean {
  return ms % 86_400_000 === 0
}

/** A vis date: epoch milliseconds, or ISO 8601 text. */
export function parseVisDate(value: unknown): VisDate {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { message: 'is not a finite number' }
    return { ms: value, precision: isMidnight(value) ? 'day' : 'second' }
  }
  if (typeof value !== 'string')
    return { message: value === undefined || value === null ? 'is missing' : 'must be a date' }
  const text = value.trim()
  const loose = /^\d{4}(-\d{2})?$/.test(text) ? readDate(text) : null
  if (loose && (loose.precision === 'year' || loose.precision === 'month'))
    return { ms: loose.earliest, precision: loose.precision }
  if (/^-?\d{6,}$/.test(text)) return parseVisDate(Number(text))
  const instant = parseIsoDateTime(text)
  if (!instant)
    return { message: `is "${text.slice(0, 40)}", not an ISO 8601 date like 2014-04-12 or 2014-04-12T09:30:00Z` }
  return { ms: instant.ms, precision: instant.dateOnly || isMidnight(instant.ms) ? 'day' : 'second' }
}

function read(text: string, fileName: string, now: Date): ReadResult {
  const refused = tooLarge(FORMAT, text, fileName)
  if (refused) return refused
  const parsed = parseJson(text)
  if (!parsed.ok) return { status: 'failed', format: FORMAT, problems: [{ file: fileName, message: parsed.message }] }
  const data = parsed.value
  const items = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data['items']) ? data['items'] : null
  if (!items) {
    return {
      status: 'failed',
      format: FORMAT,
      problems: [
        { file: fileName, message: 'is not a vis-timeline item list (a JSON array of items with content and start)' }
      ]
    }
  }
  const groups = new Map<string, string>()
  const rawGroups = isRecord(data) && Array.isArray(data['groups']) ? data['groups'] : []
  for (const group of rawGroups) {
    if (!isRecord(group) || (typeof group['id'] !== 'string' && typeof group['id'] !== 'number')) continue
    groups.set(String(group['id']), htmlToPlainText(asText(group['content'])) || String(group['id']))
  }
  const builder = new DocumentBuilder(fileName, now)
  for (const [index, raw] of items.entries()) {
    if (!isRecord(raw)) {
      builder.problem(`item ${index + 1}`, undefined, 'is not an object')
      continue
    }
    for (const [key, value] of Object.entries(raw))
      if (!ITEM_KEYS.has(key) && value !== undefined && value !== null && value !== '')
        builder.notImported(key, 'items')
    const content = clampTitle(htmlToPlainText(asText(raw['content'])))
    const tooltip = htmlToMarkdown(asText(raw['title']))
    const where = `item ${index + 1}${content ? ` ("${content.slice(0, 60)}")` : ''}`
    const start = parseVisDate(raw['start'])
    if ('message' in start) {
      builder.problem(where, 'start', start.message)
      continue
    }
    const hasEnd = raw['end'] !== undefined && raw['end'] !== null && raw['end'] !== ''
    const end = hasEnd ? parseVisDate(raw['end']) : undefined
    if (end && 'message' in end) {
      builder.problem(where, 'end', end.message)
      continue
    }
    const type = asText(raw['type']).trim()
    if (type === 'background' && !end) {
      builder.problem(where, 'end', 'is missing; a background item needs an end')
      continue
    }
    // Each end keeps its own precision.
    const startValue = instantToValue(start.ms, start.precision)
    const endValue = end ? instantToValue(end.ms, end.precision) : undefined
    if (!startValue || endValue === null) {
      builder.problem(where, startValue ? 'end' : 'start', 'is outside the years Chronotes holds (1 to 9999)')
      continue
    }
    if (end && endValue && end.ms < start.ms) {
      builder.problem(where, 'end', `is ${endValue}, before the start ${startValue}`)
      continue
    }
    const rawGroup = raw['group']
    const lane =
      typeof rawGroup === 'string' || typeof rawGroup === 'number'
        ? (groups.get(String(rawGroup)) ?? String(rawGroup))
        : undefined
    const id = raw['id']
    builder.addItem(
      where,
      {
        groupId: builder.lane(lane),
        start: startValue,
        ...(endValue ? { end: endValue } : {}),
        ...(type === 'background' ? { kind: 'background' as const } : {}),
        title: content || clampTitle(htmlToPlainText(asText(raw['title']))) || 'Untitled event',
        description: clamp(tooltip, MAX_TEXT)
      },
      typeof id === 'string' || typeof id === 'number' ? String(id) : undefined
    )
  }
  const document = builder.finish()
  if (!document.items.length && builder.problems.length)
    return { status: 'failed', format: FORMAT, problems: builder.problems }
  return { status: 'ok', format: FORMAT, document, problems: builder.problems }
}

/** The item keys read; others (className, style, editable, …) are named as not imported. */
const ITEM_KEYS = new Set(['id', 'content', 'title', 'start', 'end', 'type', 'group'])

export const visItemsReader: Reader = {
  format: FORMAT,
  label: 'vis-timeline items (JSON)',
  extensions: ['.json'],
  sniff(text) {
    const head = text.slice(0, 200_000)
    if (!/"content"\s*:/.test(head) || !/"start"\s*:/.test(head)) return 0
    if (/"format"\s*:\s*"chronotes"/.test(head)) return 0
    if (firstSignificantChar(head) === '[') return 0.85
    return /"items"\s*:/.test(head) ? 0.75 : 0
  },
  read: (text, context) => guarded(FORMAT, context.fileName, () => read(text, context.fileName, context.now))
}
