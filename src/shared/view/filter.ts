import { formatDate, parsePeriod, readDate, type Period } from '../model/dates'
import { possibleSpan } from '../model/edtf'
import type { Confidence, TimelineDocument, TimelineItem } from '../model/schema'
import { countOf, formatCount } from '../count'
import { perObject } from '../per-object'

/**
 * Which events to show. Plain data (no Sets) so that the same filter can travel to the PDF export.
 * An empty or missing field does not filter, and neither does a date that is not a date.
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
    bound(filter.from) ||
    bound(filter.to) ||
    filter.hasNotes
  )
}

// Letters that Unicode does not decompose into a base letter and a mark, and punctuation that
// keyboards type one way and sources print another: "Radoslaw" finds "Radosław", "Ukraine's"
// finds "Ukraine’s". Final sigma because lower-casing one letter at a time cannot know it is final.
const FOLDS: Record<string, string> = {
  ł: 'l',
  ŀ: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ς: 'σ',
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-'
}
const ASCII = /^[\x00-\x7f]*$/
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu')

/** Lower case, accents gone: "Zelenskyy" finds "Zelenskyy", "Kyïv" finds "Kyiv". */
export function normalizeText(text: string): string {
  // Plain ASCII has no accents to strip nor letters to fold: lower case is all (ten times faster).
  if (ASCII.test(text)) return text.toLowerCase()
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => FOLDS[letter] ?? letter)
}

export function searchTerms(text: string | undefined): string[] {
  return text ? normalizeText(text).split(/\s+/).filter(Boolean) : []
}

/** Everything a search looks in for one event, normalized; kept per event object. */
const haystack = perObject(eventText)

/** Everything a search looks in for one event, normalized (not cached: the search index keeps words). */
export function eventText(item: TimelineItem): string {
  return normalizeText(eventSource(item))
}

/** Everything a search looks in for one event, as written: what the search worker normalizes. */
export function eventSource(item: TimelineItem): string {
  return [
    item.title,
    item.description,
    item.tags.join(' '),
    ...item.notes.map((note) => `${note.author} ${note.body}`),
    ...item.sources.map((s) => [s.outlet, s.title, s.url].filter(Boolean).join(' '))
  ].join('\n')
}

/** Answers "does this event hold every word of the text?" from an index instead of reading it. */
export type TextMatcher = (item: TimelineItem) => boolean

/**
 * A compiled filter: build it once per filter change, then test every event with it. With a
 * `textMatcher` (the search index's answer for filter.text), the words are not looked for again.
 */
export function compileFilter(filter: ItemFilter, textMatcher?: TextMatcher | null): (item: TimelineItem) => boolean {
  const terms = textMatcher ? [] : searchTerms(filter.text)
  const groups = filter.groupIds?.length ? new Set(filter.groupIds) : null
  const tags = filter.tags?.length ? new Set(filter.tags) : null
  const confidences = filter.confidences?.length ? new Set(filter.confidences) : null
  const from = bound(filter.from)?.start
  const to = bound(filter.to)?.end
  return (item) => {
    if (groups && !groups.has(item.groupId)) return false
    if (confidences && !confidences.has(item.confidence)) return false
    if (filter.hasNotes && item.notes.length === 0) return false
    if (tags && !item.tags.some((tag) => tags.has(tag))) return false
    if (from !== undefined || to !== undefined) {
      const period = itemSpan(item)
      if (!period) return false
      // Periods are [start, end): an event that ends as `from` begins lies wholly before it.
      if (from !== undefined && period.end <= from) return false
      if (to !== undefined && period.start >= to) return false
    }
    if (terms.length) {
      const text = haystack(item)
      if (!terms.every((term) => text.includes(term))) return false
    }
    if (textMatcher && !textMatcher(item)) return false
    return true
  }
}

export function filterItems(
  doc: TimelineDocument,
  filter: ItemFilter,
  textMatcher?: TextMatcher | null
): TimelineItem[] {
  if (!isFilterActive(filter)) return doc.items
  return doc.items.filter(compileFilter(filter, filter.text?.trim() ? textMatcher : null))
}

/** The period a date bound covers at its own precision; undefined when empty or not a date. */
function bound(value: string | undefined): Period | undefined {
  return (value && parsePeriod(value.trim())) || undefined
}

/** The span an event may fall in: an approximate date ("c. 2016") may be a unit either side of it. */
function itemSpan(item: TimelineItem) {
  const start = readDate(item.start)
  const end = item.end === undefined ? start : readDate(item.end)
  return start && end ? { start: possibleSpan(start).earliest, end: possibleSpan(end).latest } : null
}

/** "42 of 88 events; matching “Jeddah”; lanes: Diplomacy; confidence: confirmed; from 2022". */
export function describeFilter(doc: TimelineDocument, filter: ItemFilter, shown: number): string {
  const parts = [`${formatCount(shown)} of ${countOf(doc.items.length, 'event')}`]
  if (filter.text?.trim()) parts.push(`matching “${filter.text.trim()}”`)
  if (filter.groupIds?.length) {
    const titles = new Map(doc.groups.map((g) => [g.id, g.title]))
    parts.push(`lanes: ${filter.groupIds.map((id) => titles.get(id) ?? id).join(', ')}`)
  }
  if (filter.tags?.length) parts.push(`tags: ${filter.tags.join(', ')}`)
  if (filter.confidences?.length) parts.push(`confidence: ${filter.confidences.join(', ')}`)
  const from = bound(filter.from) && formatLoose(filter.from!)
  const to = bound(filter.to) && formatLoose(filter.to!)
  if (from && to) parts.push(`from ${from} to ${to}`)
  else if (from) parts.push(`from ${from}`)
  else if (to) parts.push(`until ${to}`)
  if (filter.hasNotes) parts.push('with notes')
  return parts.join('; ')
}

function formatLoose(value: string): string {
  return formatDate(value.trim())
}

/** Each distinct date string is parsed once: sorting 100,000 events compares millions of pairs. */
const earliestCache = new Map<string, number>()
function earliestOf(value: string): number {
  let earliest = earliestCache.get(value)
  if (earliest === undefined) {
    earliest = readDate(value)?.earliest ?? Number.POSITIVE_INFINITY
    if (earliestCache.size > 100_000) earliestCache.clear()
    earliestCache.set(value, earliest)
  }
  return earliest
}

/**
 * Date order, earliest first, for lists of events: by the first instant each start may mean
 * ("spring 2014" from 1 March, a time in its offset), then by the string, so that "2022" comes
 * before "2022-02", whose start it shares. Equal starts keep their order (the sort is stable).
 */
export function compareByDate(a: TimelineItem, b: TimelineItem): number {
  const difference = earliestOf(a.start) - earliestOf(b.start)
  if (difference) return difference
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0
}

/** Every tag used in the document, most used first: for completion and the tag filter. */
export function tagsInUse(doc: TimelineDocument): string[] {
  const counts = new Map<string, number>()
  for (const item of doc.items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag)
}

/** A stretch of a text, marked when it is one of the searched words. */
export interface TextSegment {
  text: string
  match: boolean
}

/**
 * Where the words of a search occur in a text, as [start, end) offsets into the text as written
 * (not into its normalized form), sorted and merged: what a results list or the PDF marks.
 */
export function highlightRanges(text: string, query: string): { start: number; end: number }[] {
  const terms = searchTerms(query)
  if (!terms.length || !text) return []
  const { folded, starts, ends } = foldWithOffsets(text)
  const found: { start: number; end: number }[] = []
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1))
      found.push({ start: starts[at]!, end: ends[at + term.length - 1]! })
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: { start: number; end: number }[] = []
  for (const range of found) {
    const last = merged.at(-1)
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

/** The text cut into plain and marked stretches, for rendering as text nodes and <mark>s. */
export function highlightSegments(text: string, query: string): TextSegment[] {
  const segments: TextSegment[] = []
  let at = 0
  for (const { start, end } of highlightRanges(text, query)) {
    if (start > at) segments.push({ text: text.slice(at, start), match: false })
    segments.push({ text: text.slice(start, end), match: true })
    at = end
  }
  if (at < text.length || !segments.length) segments.push({ text: text.slice(at), match: false })
  return segments
}

/**
 * The normalized text with, for each of its characters, the offsets of the character it came
 * from: one written character may fold to several ("ß" → "ss") or to none (a combining accent,
 * which then belongs to the letter before it).
 */
function foldWithOffsets(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = ''
  const starts: number[] = []
  const ends: number[] = []
  let offset = 0
  for (const char of text) {
    const end = offset + char.length
    const part = normalizeText(char)
    if (!part && ends.length) ends[ends.length - 1] = end
    for (let i = 0; i < part.length; i++) {
      starts.push(offset)
      ends.push(end)
    }
    folded += part
    offset = end
  }
  return { folded, starts, ends }
}

export type SnippetField = 'description' | 'tags' | 'note' | 'source'

/** Where an event matched a search, when not (only) in its title: a short excerpt of that field. */
export interface SearchSnippet {
  field: SnippetField
  text: string
  /** Who wrote the note, for a match in a note. */
  author?: string
}

/**
 * The excerpt that shows why an event matches when its title alone does not: the field holding
 * the most of the words missing from the title, cut around the first of them. Null when the
 * title holds every word (or nothing matches).
 */
export function searchSnippet(item: TimelineItem, query: string, radius = 50): SearchSnippet | null {
  const title = normalizeText(item.title)
  const missing = searchTerms(query).filter((term) => !title.includes(term))
  if (!missing.length) return null
  const fields: SearchSnippet[] = [
    { field: 'description', text: plainText(item.description) },
    ...item.notes.map((note) => ({ field: 'note' as const, text: plainText(note.body), author: note.author })),
    ...item.sources.map((s) => ({
      field: 'source' as const,
      text: [s.outlet, s.title, s.url].filter(Boolean).join(' — ')
    })),
    { field: 'tags', text: item.tags.join(', ') }
  ]
  let best: { snippet: SearchSnippet; folded: string; count: number } | null = null
  for (const snippet of fields) {
    const folded = normalizeText(snippet.text)
    const count = missing.filter((term) => folded.includes(term)).length
    if (count > (best?.count ?? 0)) best = { snippet, folded, count }
  }
  if (!best) return null
  const { text, ...where } = best.snippet
  const term = missing.find((t) => best.folded.includes(t))!
  const first = highlightRanges(text, term)[0]!
  return { ...where, text: excerpt(text, first.start, first.end, radius) }
}

/** About `radius` characters either side of [start, end), cut at spaces, with ellipses where cut. */
function excerpt(text: string, start: number, end: number, radius: number): string {
  let from = Math.max(0, start - radius)
  let to = Math.min(text.length, end + radius)
  if (from > 0) from = text.indexOf(' ', from) + 1 || from
  if (from > start) from = start
  if (to < text.length) to = text.lastIndexOf(' ', to) > end ? text.lastIndexOf(' ', to) : to
  return `${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`
}

/** Markdown as a reader sees it, on one line: for excerpts, not for display of the whole text. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*`]+|(?<!\w)_+|_+(?!\w)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}
