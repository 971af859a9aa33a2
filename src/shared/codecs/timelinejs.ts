/**
 * TimelineJS's JSON (https://timeline.knightlab.com/docs/json-format.html): a title slide,
 * `events` with `start_date`/`end_date` objects of parts, `text{headline,text}` in HTML, `group`,
 * `media`, `unique_id`, and `eras`. Reading keeps each date's precision, turns HTML into text,
 * media into a source and eras into background events in an "Eras" lane. Writing puts what
 * TimelineJS has no field for (sources, notes, confidence, tags) into `text.text`; see timelinejs-text.ts.
 */
import { formatDateRange, precisionOf } from '../model/dates'
import type { TimelineDocument, TimelineItem } from '../model/schema'
import { DocumentBuilder } from './build'
import { clampTitle, MAX_TEXT, clamp } from './timelinejs-fields'
import { jsonPartNames, readDateObject, valueToParts, type PartsResult } from './timelinejs-dates'
import { addSlide, eraKey } from './timelinejs-events'
import { escapeHtml, htmlToPlainText } from './timelinejs-html'
import { eventTextHtml, readEventText, titleTextHtml } from './timelinejs-text'
import { guarded, parseJson, selectedItems, tooLarge } from './timelinejs-common'
import type { ReadResult, Reader, Writer } from './types'
import { firstSignificantChar } from './text'

const FORMAT = 'timelinejs-json'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** An end date object with no year at all counts as no end date, as in TimelineJS. */
function endDate(raw: unknown, prefix: string): PartsResult | undefined {
  if (raw === undefined || raw === null) return undefined
  if (
    isRecord(raw) &&
    (raw['year'] === undefined || raw['year'] === '') &&
    Object.values(raw).every((v) => v === '' || v === undefined)
  )
    return undefined
  return readDateObject(raw, jsonPartNames(prefix))
}

function slideText(slide: Record<string, unknown>): Record<string, unknown> {
  return isRecord(slide['text']) ? slide['text'] : {}
}

function label(index: number, noun: string, slide: Record<string, unknown>): string {
  const headline = htmlToPlainText(String(slideText(slide)['headline'] ?? '')).slice(0, 60)
  return `${noun} ${index + 1}${headline ? ` ("${headline}")` : ''}`
}

/** What the reader takes from a file, a slide, its text and its media; anything else is named as not imported. */
const TOP_KEYS = new Set(['title', 'events', 'eras'])
const SLIDE_KEYS = new Set(['start_date', 'end_date', 'text', 'group', 'media', 'unique_id', 'display_date'])
const TEXT_KEYS = new Set(['headline', 'text'])
const MEDIA_KEYS = new Set(['url', 'caption', 'credit'])

function notImportedKeys(builder: DocumentBuilder, slide: Record<string, unknown>, noun: 'events' | 'eras'): void {
  const filled = (value: unknown) => value !== undefined && value !== null && value !== ''
  for (const [key, value] of Object.entries(slide))
    if (!SLIDE_KEYS.has(key) && filled(value)) builder.notImported(key, noun)
  for (const [parent, known] of [
    ['text', TEXT_KEYS],
    ['media', MEDIA_KEYS]
  ] as const) {
    const inner = slide[parent]
    if (!isRecord(inner)) continue
    for (const [key, value] of Object.entries(inner))
      if (!known.has(key) && filled(value)) builder.notImported(`${parent}.${key}`, noun)
  }
}

function read(text: string, fileName: string, now: Date): ReadResult {
  const refused = tooLarge(FORMAT, text, fileName)
  if (refused) return refused
  const parsed = parseJson(text)
  if (!parsed.ok) return { status: 'failed', format: FORMAT, problems: [{ file: fileName, message: parsed.message }] }
  const data = parsed.value
  if (!isRecord(data) || !Array.isArray(data['events'])) {
    return {
      status: 'failed',
      format: FORMAT,
      problems: [{ file: fileName, field: 'events', message: 'is missing: a TimelineJS file has a list of "events"' }]
    }
  }
  const titleSlide = isRecord(data['title']) ? data['title'] : {}
  const heading = clampTitle(htmlToPlainText(String(slideText(titleSlide)['headline'] ?? '')))
  const builder = new DocumentBuilder(fileName, now, heading || undefined)
  builder.document.description = clamp(
    readEventText(String(slideText(titleSlide)['text'] ?? ''), now).description,
    MAX_TEXT
  )

  for (const key of Object.keys(data)) if (!TOP_KEYS.has(key)) builder.notImported(key, 'records')
  const titleExtras = Object.keys(titleSlide).filter((key) => key !== 'text' && titleSlide[key] !== undefined)
  if (titleExtras.length)
    builder.problem(
      'title slide',
      titleExtras[0],
      `was not imported: the title slide becomes the timeline's title and description, which have no ${titleExtras.join(', ')}`
    )

  const background = new Set<string>()
  const events = data['events']
  for (const [index, raw] of events.entries()) {
    if (!isRecord(raw)) {
      builder.problem(`event ${index + 1}`, undefined, 'is not an object')
      continue
    }
    notImportedKeys(builder, raw, 'events')
    const slide = addSlide(
      builder,
      {
        where: label(index, 'event', raw),
        start: readDateObject(raw['start_date'], jsonPartNames('start_date')),
        end: endDate(raw['end_date'], 'end_date'),
        startNames: jsonPartNames('start_date'),
        endNames: jsonPartNames('end_date'),
        headline: slideText(raw)['headline'],
        text: slideText(raw)['text'],
        group: raw['group'],
        media: isRecord(raw['media']) ? raw['media'] : undefined,
        uniqueId: raw['unique_id'],
        displayDate: raw['display_date']
      },
      now
    )
    if (slide?.kind === 'background') {
      background.add(eraKey(slide))
      if (slide.originalId) background.add(`${slide.originalId}-era`)
    }
  }
  const eras = Array.isArray(data['eras']) ? data['eras'] : []
  for (const [index, raw] of eras.entries()) {
    if (!isRecord(raw)) {
      builder.problem(`era ${index + 1}`, undefined, 'is not an object')
      continue
    }
    notImportedKeys(builder, raw, 'eras')
    addSlide(
      builder,
      {
        where: label(index, 'era', raw),
        start: readDateObject(raw['start_date'], jsonPartNames('start_date')),
        end: endDate(raw['end_date'], 'end_date'),
        startNames: jsonPartNames('start_date'),
        endNames: jsonPartNames('end_date'),
        headline: slideText(raw)['headline'],
        text: slideText(raw)['text'],
        uniqueId: raw['unique_id'],
        era: true,
        // Chronotes writes a background event both as an event (to keep its text) and as an era.
        skip: (s) => background.has(eraKey(s)) || (!!s.originalId && background.has(s.originalId))
      },
      now
    )
  }
  const document = builder.finish()
  if (!document.items.length && builder.problems.length) {
    return { status: 'failed', format: FORMAT, problems: builder.problems }
  }
  return { status: 'ok', format: FORMAT, document, problems: builder.problems }
}

export const timelineJsJsonReader: Reader = {
  format: FORMAT,
  label: 'TimelineJS JSON',
  extensions: ['.json'],
  sniff(text) {
    const head = text.slice(0, 200_000)
    if (firstSignificantChar(head) !== '{' || !/"events"\s*:/.test(head)) return 0
    if (/"format"\s*:\s*"chronotes"/.test(head)) return 0
    return /"start_date"\s*:/.test(head) ? 0.9 : 0.4
  },
  read: (text, context) => guarded(FORMAT, context.fileName, () => read(text, context.fileName, context.now))
}

/** A date as TimelineJS parts (text, as its own files write them), only as precise as the event. */
export function timelineJsDate(value: string): Record<string, string> {
  return Object.fromEntries(Object.entries(valueToParts(value)).map(([k, v]) => [k, String(v)]))
}

/**
 * What TimelineJS shows for the date: the source's own words when there are some; otherwise the
 * reader's wording when the parts alone would say less (a time, which TimelineJS shows without a
 * zone; "c. 2016"; "spring 2014"; "2010s").
 */
export function displayDate(item: TimelineItem): string | undefined {
  if (item.displayDate) return item.displayDate
  const plain = (value: string | undefined) => value === undefined || /^\d{4}(-\d{2}){0,2}$/.test(value)
  if (plain(item.start) && plain(item.end) && precisionOf(item.start) !== 'second') return undefined
  return formatDateRange(item.start, item.end)
}

function write(document: TimelineDocument, itemIds?: string[]): string {
  const lanes = new Map(document.groups.map((g) => [g.id, g]))
  const items = selectedItems(document, itemIds)
  const events = items.map((item) => {
    const shown = displayDate(item)
    return {
      start_date: timelineJsDate(item.start),
      ...(item.end ? { end_date: timelineJsDate(item.end) } : {}),
      text: { headline: escapeHtml(item.title), text: eventTextHtml(item, lanes.get(item.groupId)) },
      // TimelineJS decodes a group twice (strips markup, then sets it as HTML): so it is escaped twice.
      group: escapeHtml(escapeHtml(lanes.get(item.groupId)?.title ?? '')),
      unique_id: item.id,
      ...(shown ? { display_date: shown } : {})
    }
  })
  const eras = items
    .filter((item) => item.kind === 'background' && item.end)
    .map((item) => ({
      start_date: timelineJsDate(item.start),
      end_date: timelineJsDate(item.end!),
      text: { headline: escapeHtml(item.title), text: '' },
      unique_id: `${item.id}-era`
    }))
  const json = {
    title: { text: { headline: escapeHtml(document.title), text: titleTextHtml(document.description) } },
    events,
    ...(eras.length ? { eras } : {})
  }
  return JSON.stringify(json, null, 2) + '\n'
}

export const timelineJsJsonWriter: Writer = {
  format: FORMAT,
  label: 'TimelineJS JSON',
  extension: '.json',
  mimeType: 'application/json',
  write: (document, options) => write(document, options?.itemIds)
}
