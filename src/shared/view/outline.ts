import { z } from 'zod'
import { readDate } from '../model/dates'
import {
  CONFIDENCES,
  GroupSchema,
  ITEM_KINDS,
  type Group,
  type Note,
  type TimelineDocument,
  type TimelineItem
} from '../model/schema'

/**
 * A large timeline's outline: what its first paint draws (the lanes, and each event's lane, kind,
 * dates, period, title, confidence and number of notes), a tenth of the document's size. Main
 * writes it in the per-user folder with each save; the window draws it, read-only, while the
 * document itself is read, decoded and parsed (seconds at 100,000 events), and drops it when the
 * document arrives. It is a cache: a missing, stale or damaged outline only means no early paint.
 */

/** From this many events on, a timeline keeps an outline: below it, the document itself opens about as fast. */
export const OUTLINE_FROM = 10_000

const FORMAT = 'chronotes-outline'
const VERSION = 1

/** The events as columns, one array per field and an entry per event: small, and quick to parse. */
export interface OutlineEvents {
  id: string[]
  /** Index into the outline's groups. */
  lane: number[]
  /** Index into ITEM_KINDS. */
  kind: number[]
  start: string[]
  end: (string | null)[]
  title: string[]
  displayDate: (string | null)[]
  /** Index into CONFIDENCES. */
  confidence: number[]
  notes: number[]
  /** The period the timeline draws, [from, to) in UTC ms, as the timeline model reads the dates; null if unreadable. */
  from: (number | null)[]
  to: (number | null)[]
}

export interface Outline {
  id: string
  title: string
  groups: Group[]
  events: OutlineEvents
}

export function outlineText(doc: TimelineDocument): string {
  const lanes = new Map(doc.groups.map((group, at) => [group.id, at]))
  const events: OutlineEvents = {
    id: [],
    lane: [],
    kind: [],
    start: [],
    end: [],
    title: [],
    displayDate: [],
    confidence: [],
    notes: [],
    from: [],
    to: []
  }
  // In the order of their periods, as the window's time index holds them: building it is then a check.
  const periods = doc.items.map((item) => {
    const start = readDate(item.start)
    const end = item.end === undefined ? start : readDate(item.end)
    return start && end ? { from: start.earliest, to: end.latest } : null
  })
  const order = doc.items.map((_, at) => at)
  order.sort((a, b) => (periods[a]?.from ?? Infinity) - (periods[b]?.from ?? Infinity) || a - b)
  for (const at of order) {
    const item = doc.items[at]!
    const period = periods[at]
    events.id.push(item.id)
    events.lane.push(lanes.get(item.groupId) ?? -1)
    events.kind.push(ITEM_KINDS.indexOf(item.kind))
    events.start.push(item.start)
    events.end.push(item.end ?? null)
    events.title.push(item.title)
    events.displayDate.push(item.displayDate ?? null)
    events.confidence.push(CONFIDENCES.indexOf(item.confidence))
    events.notes.push(item.notes.length)
    events.from.push(period?.from ?? null)
    events.to.push(period?.to ?? null)
  }
  return JSON.stringify({ format: FORMAT, version: VERSION, id: doc.id, title: doc.title, groups: doc.groups, events })
}

const HeadSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  id: z.string(),
  title: z.string(),
  groups: z.array(GroupSchema),
  events: z.record(z.string(), z.unknown())
})

/** The outline in `text`; null for anything that is not a whole, consistent outline of this version. */
export function readOutline(text: string): Outline | null {
  let head: z.infer<typeof HeadSchema>
  try {
    const parsed = HeadSchema.safeParse(JSON.parse(text))
    if (!parsed.success) return null
    head = parsed.data
  } catch {
    return null
  }
  const events = head.events as unknown as OutlineEvents
  const count = Array.isArray(events.id) ? events.id.length : 0
  const isText = (value: unknown) => typeof value === 'string'
  const isOptionalText = (value: unknown) => value === null || typeof value === 'string'
  const isTime = (value: unknown) => value === null || Number.isFinite(value)
  const isIndexBelow = (limit: number) => (value: unknown) =>
    Number.isInteger(value) && (value as number) >= 0 && (value as number) < limit
  const checks: Record<keyof OutlineEvents, (value: unknown) => boolean> = {
    id: isText,
    lane: isIndexBelow(head.groups.length),
    kind: isIndexBelow(ITEM_KINDS.length),
    start: isText,
    end: isOptionalText,
    title: isText,
    displayDate: isOptionalText,
    confidence: isIndexBelow(CONFIDENCES.length),
    notes: isIndexBelow(10_001),
    from: isTime,
    to: isTime
  }
  for (const [field, check] of Object.entries(checks) as [keyof OutlineEvents, (value: unknown) => boolean][]) {
    const column = events[field]
    if (!Array.isArray(column) || column.length !== count || !column.every(check)) return null
  }
  return { id: head.id, title: head.title, groups: head.groups, events }
}

/** Notes are counted, not copied: an outline's event is never edited, saved or shown in the details panel. */
const COUNTED_NOTE: Note = Object.freeze({ id: '', author: '', body: '', createdAt: '', updatedAt: '' })
const NONE: never[] = Object.freeze([]) as unknown as never[]

/** The event at `at` as far as the outline knows it: what the timeline draws of it, and nothing else. */
export function outlineItem({ events, groups }: Outline, at: number): TimelineItem {
  const end = events.end[at]
  const displayDate = events.displayDate[at]
  const notes = events.notes[at]!
  return {
    id: events.id[at]!,
    groupId: groups[events.lane[at]!]!.id,
    kind: ITEM_KINDS[events.kind[at]!]!,
    start: events.start[at]!,
    ...(end === null ? {} : { end }),
    ...(displayDate === null ? {} : { displayDate }),
    title: events.title[at]!,
    description: '',
    tags: NONE,
    confidence: CONFIDENCES[events.confidence[at]!]!,
    sources: NONE,
    notes: notes ? new Array<Note>(notes).fill(COUNTED_NOTE) : NONE,
    createdAt: '',
    updatedAt: ''
  }
}
