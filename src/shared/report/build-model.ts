/**
 * The report model from a document and the export options: which events, in what order, under
 * which numbers, with what words for their dates, and the overview figure laid out for the paper.
 * Pure: the same document, options and moment give the same model, in main, the CLI and tests.
 */
import { formatDate, itemPrecision } from '../model/dates'
import type { TimelineDocument, TimelineItem } from '../model/schema'
import { describeFilter, filterItems, type ItemFilter } from '../view/filter'
import { CONFIDENCE_LABELS, formatDay, formatEventDate, formatSpan, formatTimestamp, inkOn, shorten } from './format'
import {
  REPORT_MODEL_VERSION,
  type ReportEntry,
  type ReportLane,
  type ReportModel,
  type ReportNote,
  type ReportSource
} from './model'
import type { ReportOptions } from './options'
import { layoutReportOverview } from './overview-density'
import { reportPage } from './page'
import { countOf, formatCount } from '../count'

/** A panel's caption and the space above it: what the page must hold besides the panel itself. */
const PANEL_CAPTION_ROOM = 40

export function buildReportModel(document: TimelineDocument, options: ReportOptions, now: Date): ReportModel {
  const { items, summary } = selectItems(document, options.selection)
  const laneOrder = new Map([...document.groups].sort((a, b) => a.order - b.order).map((g, index) => [g.id, index]))
  const position = new Map(document.items.map((item, index) => [item, index]))
  const ordered = [...items].sort(
    (a, b) =>
      (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
      (laneOrder.get(a.groupId) ?? Infinity) - (laneOrder.get(b.groupId) ?? Infinity) ||
      position.get(a)! - position.get(b)!
  )
  const groups = new Map(document.groups.map((g) => [g.id, g]))
  const entries = ordered.map((item, index) => entry(item, index + 1, groups.get(item.groupId), options))

  const counts = new Map<string, number>()
  for (const e of entries) counts.set(e.laneId, (counts.get(e.laneId) ?? 0) + 1)
  const lanes: ReportLane[] = [...document.groups]
    .sort((a, b) => a.order - b.order)
    .filter((g) => counts.has(g.id))
    .map((g) => ({ id: g.id, title: g.title, color: g.color, ink: inkOn(g.color), count: counts.get(g.id)! }))

  const page = reportPage(options.pageSize, options.landscape)
  const overview = layoutReportOverview({ ...document, items: ordered }, entries, lanes, {
    width: page.contentWidthPt,
    maxHeight: page.contentHeightPt - PANEL_CAPTION_ROOM,
    captionRoom: PANEL_CAPTION_ROOM
  })
  const left = [!options.includeNotes && 'notes', !options.includeSources && 'sources'].filter(Boolean)
  return {
    version: REPORT_MODEL_VERSION,
    page,
    title: options.title.trim(),
    subtitle: options.subtitle?.trim() || null,
    author: options.author?.trim() || null,
    exported: `Exported ${formatDay(now)}`,
    exportedAt: now.toISOString(),
    span: formatSpan(entries),
    summary,
    omissions: left.length ? `${capitalise(left.join(' and '))} are not included.` : null,
    runningTitle: shorten(options.title, 90),
    includeNotes: options.includeNotes,
    includeSources: options.includeSources,
    lanes,
    entries,
    overview
  }
}

/** The events the options choose, and the line that says which. */
export function selectItems(
  document: TimelineDocument,
  selection: ReportOptions['selection']
): { items: TimelineItem[]; summary: string } {
  const total = document.items.length
  switch (selection.kind) {
    case 'all':
      return { items: document.items, summary: `All ${countOf(total, 'event')}` }
    case 'filter': {
      const filter = selection.filter as ItemFilter
      const items = filterItems(document, filter)
      return { items, summary: describeFilter(document, filter, items.length) }
    }
    case 'items': {
      const wanted = new Set(selection.ids)
      const items = document.items.filter((item) => wanted.has(item.id))
      return { items, summary: `${formatCount(items.length)} of ${countOf(total, 'event')}, chosen one by one` }
    }
    case 'dates': {
      const filter: ItemFilter = { from: selection.from, to: selection.to }
      const items = filterItems(document, filter)
      return { items, summary: describeFilter(document, filter, items.length) }
    }
  }
}

function entry(
  item: TimelineItem,
  number: number,
  lane: { title: string; color: string } | undefined,
  options: ReportOptions
): ReportEntry {
  return {
    number,
    id: item.id,
    laneId: item.groupId,
    laneTitle: lane?.title ?? 'No lane',
    laneColor: lane?.color ?? '#999999',
    kind: item.kind,
    precision: itemPrecision(item),
    start: item.start,
    end: item.end ?? null,
    // The date as a reader says it ("c. 2016", "spring 2014?"), and what the source said, if more.
    date: withDateAsGiven(formatEventDate(item.start, item.end), item.displayDate),
    section: item.start.slice(0, 4),
    title: item.title,
    confidence: item.confidence,
    confidenceLabel: CONFIDENCE_LABELS[item.confidence],
    description: item.description,
    tags: [...item.tags],
    sources: options.includeSources ? item.sources.map(source).filter((s) => s !== null) : [],
    notes: options.includeNotes
      ? [...item.notes].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).map(note)
      : []
  }
}

function source(s: TimelineItem['sources'][number]): ReportSource | null {
  // The schema allows only http(s) already; a model may also be built from a document read leniently.
  const url = s.url && /^https?:\/\//i.test(s.url) ? s.url : null
  const published = s.published ? formatLooseDate(s.published) : null
  if (!s.title && !s.outlet && !url) return null
  return { title: s.title || null, outlet: s.outlet || null, url, published }
}

function note(n: TimelineItem['notes'][number]): ReportNote {
  const created = formatTimestamp(n.createdAt)
  const edited = formatTimestamp(n.updatedAt)
  // Edited within the minute it was written reads as written once.
  return {
    id: n.id,
    author: n.author.trim() || 'Unknown author',
    body: n.body,
    created,
    edited: edited === created ? null : edited
  }
}

function formatLooseDate(value: string): string {
  return formatDate(value)
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The date as said, and the source's own words when they say something else ("early March 2025"). */
function withDateAsGiven(date: string, given: string | undefined): string {
  const plain = (text: string) => text.toLowerCase().replace(/\s+/g, '')
  return given && plain(given) !== plain(date) ? `${date} (as given: “${given}”)` : date
}
