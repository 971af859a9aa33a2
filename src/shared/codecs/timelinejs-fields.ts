/**
 * Fields read back from interchange files (TimelineJS sections, Timesketch columns) are repaired
 * into what the schema accepts rather than refused: a note with a broken timestamp is still a
 * note, and losing it would be worse than stamping it with the import time.
 */
import { newId } from '../model/ids'
import { precisionOf } from '../model/dates'
import { CONFIDENCES, NoteSchema, SourceSchema, type Confidence, type Note, type Source } from '../model/schema'
import { safeHttpUrl } from './timelinejs-html'

export const MAX_TITLE = 500
export const MAX_TEXT = 200_000
const MAX_TAG = 100
const MAX_TAGS = 200
const MAX_SOURCES = 1000
const MAX_NOTES = 10_000

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function clamp(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…'
}

/** A title: one line, trimmed, at most 500 characters. */
export function clampTitle(text: string): string {
  return clamp(text.replace(/\s+/g, ' ').trim(), MAX_TITLE)
}

function optionalText(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const text = clampTitle(String(value))
  return text || null
}

/** Tags as the schema wants them: text, trimmed, unique, at most 100 characters and 200 tags. */
export function cleanTags(values: unknown): string[] {
  if (!Array.isArray(values)) return []
  const tags = new Set<string>()
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') continue
    const tag = String(value).replace(/\s+/g, ' ').trim().slice(0, MAX_TAG)
    if (tag) tags.add(tag)
    if (tags.size >= MAX_TAGS) break
  }
  return [...tags]
}

export function parseConfidence(value: unknown): Confidence | undefined {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : ''
  return (CONFIDENCES as readonly string[]).includes(word) ? (word as Confidence) : undefined
}

/** A source's address: http(s), and one the schema accepts (so that it never costs the event). */
export function sourceUrl(value: unknown): string | null {
  const url = safeHttpUrl(value)
  return url && SourceSchema.shape.url.safeParse(url).success ? url : null
}

/** A source from loose data (null when it is not an object). A non-http(s) address is dropped. */
export function repairSource(raw: unknown): Source | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const record = raw as Record<string, unknown>
  const published = typeof record['published'] === 'string' ? record['published'].trim() : ''
  const source: Source = {
    title: optionalText(record['title']),
    outlet: optionalText(record['outlet']),
    url: sourceUrl(record['url']),
    published: published && precisionOf(published) ? published : null
  }
  return source
}

export function repairSources(raw: unknown): Source[] {
  if (!Array.isArray(raw)) return []
  return raw
    .slice(0, MAX_SOURCES)
    .map(repairSource)
    .filter((s): s is Source => s !== null)
}

function timestampOr(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback
  return NoteSchema.shape.createdAt.safeParse(value).success ? value : fallback
}

/**
 * A note from loose data. Its id is kept when usable (that is how a merge recognises it), its
 * body and author are cut to the schema's bounds, bad timestamps become the import time.
 */
export function repairNote(raw: unknown, now: Date, seenIds: Set<string>): Note | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const record = raw as Record<string, unknown>
  const body = typeof record['body'] === 'string' ? clamp(record['body'], MAX_TEXT) : ''
  const author = optionalText(record['author']) ?? ''
  if (!body.trim() && !author) return null
  const rawId = typeof record['id'] === 'string' || typeof record['id'] === 'number' ? String(record['id']).trim() : ''
  const id = rawId && rawId.length <= 200 && !seenIds.has(rawId) ? rawId : newId()
  seenIds.add(id)
  const stamp = now.toISOString()
  const createdAt = timestampOr(record['createdAt'], stamp)
  return { id, author, body, createdAt, updatedAt: timestampOr(record['updatedAt'], createdAt) }
}

export function repairNotes(raw: unknown, now: Date): Note[] {
  if (!Array.isArray(raw)) return []
  const seen = new Set<string>()
  return raw
    .slice(0, MAX_NOTES)
    .map((note) => repairNote(note, now, seen))
    .filter((n): n is Note => n !== null)
}

/** JSON text that should hold a list; null when it does not. */
export function parseJsonList(text: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value : null
  } catch {
    return null
  }
}
