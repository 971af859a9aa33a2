import { isVague, parsePeriod, readDate } from '../model/dates'
import { qualifierWords } from '../model/edtf'
import type { Confidence, TimelineDocument, TimelineItem } from '../model/schema'
import { compileFilter, isFilterActive, type ItemFilter } from './filter'

export type { ItemFilter }

/** The visible span of the timeline, UTC milliseconds. */
export interface TimeWindow {
  start: number
  end: number
}

/** What the timeline widget draws for one event: plain data, no HTML. */
export interface TimelineViewItem {
  id: string
  group: string
  /** point: a marker at its date; span: a bar from start to end; background: a shaded period. */
  type: 'point' | 'span' | 'background'
  start: number
  end?: number
  text: string
  confidence: Confidence
  /** Known only to the month or year: drawn as such, never as if it were known to the day. */
  approximate: boolean
  /** An EDTF qualifier on either date ("c. 2016", "2016?"): drawn with that doubt shown. */
  doubt?: 'approximate' | 'uncertain' | 'approximate and uncertain'
  /** Set while searching: whether the event matches the search. */
  match?: boolean
  noteCount: number
  /** Drawn as its marker alone, its title shown on hover: the lane has no room for the title. */
  compact?: boolean
}

/** The [start, end) an event covers, with its dates read at their precision; null if unreadable. */
export function itemPeriod(item: TimelineItem): { start: number; end: number } | null {
  const start = parsePeriod(item.start)
  const end = item.end === undefined ? start : parsePeriod(item.end)
  return start && end ? { start: start.start, end: end.end } : null
}

/**
 * The timeline's items as a function of (document, filter, visible window), never the raw array:
 * only events that pass the filter and overlap the window (widened by its own length on each side,
 * so panning does not show gaps) are returned. With a search query, each says whether it matches.
 */
export function selectTimelineItems(
  doc: TimelineDocument,
  filter: ItemFilter,
  window?: TimeWindow,
  query = ''
): TimelineViewItem[] {
  const margin = window ? window.end - window.start : 0
  const out: TimelineViewItem[] = []
  const matches = isFilterActive(filter) ? compileFilter(filter) : () => true
  const found = query.trim() ? compileFilter({ text: query }) : null
  for (const item of doc.items) {
    if (!matches(item)) continue
    const period = itemPeriod(item)
    if (!period) continue
    if (window && (period.end < window.start - margin || period.start > window.end + margin)) continue
    out.push(toViewItem(item, period, found ? found(item) : undefined))
  }
  return out
}

/** What the timeline draws for one event, given its period; `match` only while searching. */
export function toViewItem(
  item: TimelineItem,
  period: { start: number; end: number },
  match?: boolean
): TimelineViewItem {
  const date = readDate(item.start)
  const approximate = date ? isVague(date) : false
  const end = item.end === undefined ? null : readDate(item.end)
  const doubt = qualifierWords({
    approximate: Boolean(date?.approximate || end?.approximate),
    uncertain: Boolean(date?.uncertain || end?.uncertain)
  }) as TimelineViewItem['doubt'] | ''
  const type = item.kind === 'background' ? 'background' : item.kind === 'range' ? 'span' : 'point'
  return {
    id: item.id,
    group: item.groupId,
    type,
    // An approximate point ("April 2014") sits in the middle of its period, marked as approximate.
    start: type === 'point' && approximate ? (period.start + period.end) / 2 : period.start,
    ...(type === 'point' ? {} : { end: period.end }),
    text: item.title,
    confidence: item.confidence,
    approximate,
    ...(doubt ? { doubt } : {}),
    noteCount: item.notes.length,
    ...(match === undefined ? {} : { match })
  }
}

/** The span from the earliest start to the latest end, for "fit all"; null for an empty timeline. */
export function documentExtent(doc: TimelineDocument): TimeWindow | null {
  let start = Infinity
  let end = -Infinity
  for (const item of doc.items) {
    const period = itemPeriod(item)
    if (!period) continue
    start = Math.min(start, period.start)
    end = Math.max(end, period.end)
  }
  return start <= end ? { start, end } : null
}
