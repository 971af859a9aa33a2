/**
 * One TimelineJS slide (an event or an era, from the JSON or from a spreadsheet row) into a
 * Chronotes event. Both TimelineJS readers bring their records to this shape, so dates, text,
 * media and Chronotes' own sections are read the same way whichever file they came in.
 */
import { formatDateRange, parsePeriod, readDate } from '../model/dates'
import { MAX_DISPLAY_DATE } from '../model/schema'
import type { Source } from '../model/schema'
import { keptTimes, type DocumentBuilder } from './build'
import { clamp, clampTitle, MAX_TEXT, sourceUrl } from './timelinejs-fields'
import { partsToValue, valueToParts, type PartNames, type PartsResult } from './timelinejs-dates'
import { htmlToMarkdown, htmlToPlainText } from './timelinejs-html'
import { readEventText } from './timelinejs-text'

export interface SlideInput {
  where: string
  start: PartsResult
  /** Absent when the record has no end date. */
  end?: PartsResult
  startNames: PartNames
  endNames: PartNames
  headline: unknown
  text: unknown
  group?: unknown
  media?: { url?: unknown; caption?: unknown; credit?: unknown }
  uniqueId?: unknown
  displayDate?: unknown
  era?: boolean
  /** Leaves the slide out, without a problem, when this says it is already in the document. */
  skip?: (slide: Omit<SlideRead, 'id' | 'kind'>) => boolean
}

export interface SlideRead {
  id: string
  originalId: string
  kind: string
  title: string
  start: string
  end?: string
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''

/** What TimelineJS shows for a group: it strips markup, then sets the result as HTML, decoding twice. */
export function groupName(value: unknown): string {
  return htmlToPlainText(htmlToPlainText(asText(value)))
}

/** A media address as a source's: http(s), or protocol-relative made https; anything else is not a link. */
function mediaUrl(value: string): string | null {
  const trimmed = value.trim()
  return sourceUrl(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed)
}

/** TimelineJS media can be a quotation written in HTML instead of an address: kept as a Markdown quote. */
function mediaQuote(value: string): string {
  if (!/[<\s]/.test(value.trim())) return ''
  const text = htmlToMarkdown(value)
  return text ? text.replace(/^/gm, '> ') : ''
}

/** A title for a slide without a headline: the start of its text, without Markdown's marks. */
function firstWords(markdown: string): string {
  const line = markdown.split('\n').find((l) => l.trim()) ?? ''
  return line
    .replace(/^\s*(?:>\s*|[-+*]\s+|\d+[.)]\s+)/, '')
    .replace(/\\(.)/g, '$1')
    .slice(0, 80)
}

/** Reads a slide into the builder; null (with a problem recorded) when it cannot be read. */
export function addSlide(builder: DocumentBuilder, input: SlideInput, now: Date): SlideRead | null {
  const { where, start, end } = input
  if (!start.ok) {
    builder.problem(where, start.field, start.message)
    return null
  }
  if (input.era && !end) {
    builder.problem(where, input.endNames.date, 'is missing; a TimelineJS era needs an end date')
    return null
  }
  if (end && !end.ok) {
    builder.problem(where, end.field, end.message)
    return null
  }
  const text = readEventText(asText(input.text), now)
  // Each end keeps its own precision: an era from 24 February 2022 to 2025 stays a day and a year.
  // Chronotes' own EDTF dates ("2016~", "2014-21", an offset) are taken while the date parts
  // still say their first instant, that is while nobody has changed the date since.
  const kept = (edtf: string | undefined, fromParts: string) =>
    edtf && readDate(edtf) && partsToValue(valueToParts(edtf)) === fromParts ? edtf : fromParts
  const startValue = kept(text.meta?.start, partsToValue(start.parts))
  let endValue = end ? kept(text.meta?.end, partsToValue(end.parts)) : undefined
  if (end && endValue) {
    const from = parsePeriod(startValue)!
    const to = parsePeriod(endValue)!
    if (to.end <= from.start) {
      const years = end.parts.year < start.parts.year
      builder.problem(
        where,
        years ? input.endNames.year : input.endNames.date,
        years
          ? `is ${end.parts.year}, before '${input.startNames.year}' ${start.parts.year}`
          : `${endValue} is before the start ${startValue}`
      )
      return null
    }
  }

  const sources: Source[] = [...text.sources]
  const extra: string[] = []
  const mediaValue = asText(input.media?.url)
  const url = mediaUrl(mediaValue)
  if (url && !sources.some((s) => s.url === url)) {
    const caption = clampTitle(htmlToPlainText(asText(input.media?.caption)))
    const credit = clampTitle(htmlToPlainText(asText(input.media?.credit)))
    sources.push({ title: caption || null, outlet: credit || null, url, published: null })
  } else if (!url && mediaValue) extra.push(mediaQuote(mediaValue))
  const shownDate = htmlToPlainText(asText(input.displayDate)).trim()
  // A display date that only says what the dates say (spacing aside) adds nothing; one that says
  // more ("early March 2025") is the date as the source gave it. Chronotes' own files carry that in
  // the meta line (their display_date is only the dates in words).
  const plain = (t: string) => t.replace(/\s+/g, '')
  let displayDate = text.meta ? text.meta.displayDate?.trim().slice(0, MAX_DISPLAY_DATE) : undefined
  if (!text.meta && shownDate && plain(shownDate) !== plain(formatDateRange(startValue, endValue))) {
    if (shownDate.length <= MAX_DISPLAY_DATE) displayDate = shownDate
    else extra.push(`Date shown as: ${htmlToMarkdown(shownDate)}`)
  }
  const description = clamp([text.description, ...extra].filter(Boolean).join('\n\n'), MAX_TEXT)

  const headline = clampTitle(htmlToPlainText(asText(input.headline)))
  // A slide of only a picture is named by its caption.
  const caption = clampTitle(htmlToPlainText(asText(input.media?.caption)))
  const title = headline || clampTitle(firstWords(description)) || caption || 'Untitled event'
  const meta = text.meta
  const kind = input.era || (meta?.kind === 'background' && endValue) ? 'background' : undefined
  if (!kind && endValue === startValue) endValue = undefined
  const originalId = asText(input.uniqueId).trim() || meta?.id?.trim() || ''
  const candidate = { originalId, title, start: startValue, ...(endValue ? { end: endValue } : {}) }
  if (input.skip?.(candidate)) return null
  const lane = input.era ? 'Eras' : groupName(input.group)
  const added = builder.addItem(
    where,
    {
      groupId: meta?.lane?.id ? builder.describedLane({ ...meta.lane, title: lane }) : builder.lane(lane),
      ...keptTimes(meta?.createdAt, meta?.updatedAt),
      start: startValue,
      ...(endValue ? { end: endValue } : {}),
      ...(kind ? { kind } : {}),
      ...(displayDate ? { displayDate } : {}),
      title,
      description,
      sources,
      notes: text.notes,
      ...(meta?.tags.length ? { tags: meta.tags } : {}),
      ...(meta?.confidence ? { confidence: meta.confidence } : {})
    },
    originalId || undefined
  )
  if (!added) return null
  const item = builder.document.items[builder.document.items.length - 1]!
  return { id: item.id, kind: item.kind, ...candidate }
}

/** Whether an era is the same span as a background event already read (Chronotes writes both). */
export function eraKey(slide: Pick<SlideRead, 'title' | 'start' | 'end'>): string {
  // As TimelineJS's date parts say them: the era of a "1950~" background event is written as 1950.
  const parts = (value: string | undefined) => (value ? partsToValue(valueToParts(value)) : '')
  return JSON.stringify([slide.title, parts(slide.start), parts(slide.end)])
}
