import { formatDate, parsePeriod, precisionOf } from '../model/dates'
import type { Confidence, TimelineDocument, TimelineItem } from '../model/schema'

/**
 * Which events to show. Plain data (no Sets) so that the same filter can travel to the PDF export.
 * An empty or missing field does not filter.
 */
export interface ItemFilter {
  /** Words to find in titles, descriptions, notes, sources and tags; every word must occur. */
  text?: string
  groupIds?: string[]
  /** An event passes if it has any of these tags. */
  tags?: string[]
  confidences?: Confidence[]
  /** Events that overlap [from, to]; dates at any precision ("2022", "2022-02-24"). */
  from?: string
  to?: string
  hasNotes?: boolean
}

export function isFilterActive(filter: ItemFilter): boolean {
  return Boolean(
    filter.text?.trim() ||
    filter.groupIds?.length ||
    filter.tags?.length ||
    filter.confidences?.length ||
    filter.from ||
    filter.to ||
    filter.hasNotes
  )
}

/** Lower case, accents gone: "Zelenskyy" finds "Zelenskyy", "Kyïv" finds "Kyiv". */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

export function searchTerms(text: string | undefined): string[] {
  return text ? normalizeText(text).split(/\s+/).filter(Boolean) : []
}

// Items are replaced, never mutated, so a haystack computed once per item object stays right.
const haystacks = new WeakMap<TimelineItem, string>()

function haystack(item: TimelineItem): string {
  let text = haystacks.get(item)
  if (text === undefined) {
    text = normalizeText(
      [
        item.title,
        item.description,
        item.tags.join(' '),
        ...item.notes.map((note) => `${note.author} ${note.body}`),
        ...item.sources.map((s) => [s.outlet, s.title, s.url].filter(Boolean).join(' '))
      ].join('\n')
    )
    haystacks.set(item, text)
  }
  return text
}

/** A compiled filter: build it once per filter change, then test every event with it. */
export function compileFilter(filter: ItemFilter): (item: TimelineItem) => boolean {
  const terms = searchTerms(filter.text)
  const groups = filter.groupIds?.length ? new Set(filter.groupIds) : null
  const tags = filter.tags?.length ? new Set(filter.tags) : null
  const confidences = filter.confidences?.length ? new Set(filter.confidences) : null
  const from = filter.from ? periodOf(filter.from)?.start : undefined
  const to = filter.to ? periodOf(filter.to)?.end : undefined
  return (item) => {
    if (groups && !groups.has(item.groupId)) return false
    if (confidences && !confidences.has(item.confidence)) return false
    if (filter.hasNotes && item.notes.length === 0) return false
    if (tags && !item.tags.some((tag) => tags.has(tag))) return false
    if (from !== undefined || to !== undefined) {
      const period = itemSpan(item)
      if (!period) return false
      if (from !== undefined && period.end <= from) return false
      if (to !== undefined && period.start >= to) return false
    }
    if (terms.length) {
      const text = haystack(item)
      if (!terms.every((term) => text.includes(term))) return false
    }
    return true
  }
}

export function filterItems(doc: TimelineDocument, filter: ItemFilter): TimelineItem[] {
  if (!isFilterActive(filter)) return doc.items
  return doc.items.filter(compileFilter(filter))
}

function periodOf(value: string) {
  const precision = precisionOf(value)
  return precision ? parsePeriod(value, precision) : null
}

function itemSpan(item: TimelineItem) {
  const start = parsePeriod(item.start, item.precision)
  const end = item.end === undefined ? start : parsePeriod(item.end, item.precision)
  return start && end ? { start: start.start, end: end.end } : null
}

/** "42 of 88 events; matching “Jeddah”; lanes: Diplomacy; confidence: confirmed; from 2022". */
export function describeFilter(doc: TimelineDocument, filter: ItemFilter, shown: number): string {
  const parts = [`${shown} of ${doc.items.length} events`]
  if (filter.text?.trim()) parts.push(`matching “${filter.text.trim()}”`)
  if (filter.groupIds?.length) {
    const titles = new Map(doc.groups.map((g) => [g.id, g.title]))
    parts.push(`lanes: ${filter.groupIds.map((id) => titles.get(id) ?? id).join(', ')}`)
  }
  if (filter.tags?.length) parts.push(`tags: ${filter.tags.join(', ')}`)
  if (filter.confidences?.length) parts.push(`confidence: ${filter.confidences.join(', ')}`)
  if (filter.from) parts.push(`from ${formatLoose(filter.from)}`)
  if (filter.to) parts.push(`to ${formatLoose(filter.to)}`)
  if (filter.hasNotes) parts.push('with notes')
  return parts.join('; ')
}

function formatLoose(value: string): string {
  const precision = precisionOf(value)
  return precision ? formatDate(value, precision) : value
}

/** Every tag used in the document, most used first: for completion and the tag filter. */
export function tagsInUse(doc: TimelineDocument): string[] {
  const counts = new Map<string, number>()
  for (const item of doc.items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag)
}
