import { z } from 'zod'
import { ChronotesError } from './errors'
import {
  acrossEvents,
  DocumentSchema,
  ItemSchema,
  MAX_EVENTS,
  type TimelineDocument,
  type TimelineItem
} from './model/schema'

/**
 * What an autosave sends: the document without its events, the events that are new or changed
 * since the version on disk, and the order of every event only when that changed. A 100,000-event
 * document is 127 MB of JSON; copying it to main on every edit held the renderer for seconds
 * (structured clone, or JSON over the loopback bridge). Events are replaced, never mutated, so
 * what changed is found by identity in one pass of pointer comparisons.
 */
export interface DocumentChanges {
  header: Omit<TimelineDocument, 'items'>
  items: TimelineItem[]
  /** Ids of the events removed. */
  removed?: string[]
  /** Where each new event (in `items`) stands in the new order, ascending. */
  added?: { id: string; at: number }[]
  /** Every event's id in order, only when events that stayed were reordered. */
  order?: string[]
}

const Ids = z.array(z.string().max(200)).max(MAX_EVENTS)

/** Checked where it crosses into main; what it changes is validated again when it is written (applyChangesChecked). */
export const DocumentChangesSchema = z.object({
  header: z.custom<Omit<TimelineDocument, 'items'>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'must be the document without its events'
  ),
  items: z.array(ItemSchema).max(MAX_EVENTS),
  removed: Ids.optional(),
  added: z
    .array(z.object({ id: z.string().max(200), at: z.number().int().nonnegative() }))
    .max(MAX_EVENTS)
    .optional(),
  order: Ids.optional()
})

/**
 * The changes that turn `base` into `next`. Adding or removing events sends those events' ids and
 * places, not the order of all the others: a new event in a 100,000-event timeline is a few
 * hundred bytes to send, not 4 MB of ids.
 */
export function documentChanges(base: TimelineDocument, next: TimelineDocument): DocumentChanges {
  const { items, ...header } = next
  const before = base.items
  // An edit touches a stretch of the list: the ids before and after it are the same objects'
  // ids, found by walking in from both ends; only the stretch between is looked at by id.
  const common = Math.min(before.length, items.length)
  let head = 0
  while (head < common && before[head]!.id === items[head]!.id) head++
  let tail = 0
  while (tail < common - head && before[before.length - 1 - tail]!.id === items[items.length - 1 - tail]!.id) tail++
  const gone = before.slice(head, before.length - tail)
  const middle = items.slice(head, items.length - tail)
  const previous = new Map(gone.map((item) => [item.id, item]))
  const kept = new Set<string>()
  const added: { id: string; at: number }[] = []
  middle.forEach((item, i) => (previous.has(item.id) ? kept.add(item.id) : added.push({ id: item.id, at: head + i })))
  const stayed = gone.filter((item) => kept.has(item.id))
  let k = 0
  const inOrder = middle.every((item) => !previous.has(item.id) || item.id === stayed[k++]!.id)
  const shift = before.length - items.length
  const edited = [
    ...items.slice(0, head).filter((item, i) => item !== before[i]),
    ...middle.filter((item) => previous.get(item.id) !== item),
    ...items.slice(items.length - tail).filter((item, i) => item !== before[items.length - tail + i + shift])
  ]
  if (!gone.length && !middle.length) return { header, items: edited }
  if (!inOrder) return { header, items: edited, order: items.map((item) => item.id) }
  const removed = gone.filter((item) => !kept.has(item.id)).map((item) => item.id)
  return { header, items: edited, ...(removed.length ? { removed } : {}), ...(added.length ? { added } : {}) }
}

/** The document `changes` make of `base`. Throws if they name an event `base` does not have. */
export function applyChanges(base: TimelineDocument, changes: DocumentChanges): TimelineDocument {
  const changed = new Map(changes.items.map((item) => [item.id, item]))
  const unknown = (id: string) =>
    new ChronotesError('INVALID_ARGUMENT', `the saved changes name an event (${id}) the file does not have`)
  if (changes.order) {
    const known = new Map(base.items.map((item) => [item.id, item]))
    const items = changes.order.map((id) => {
      const item = changed.get(id) ?? known.get(id)
      if (!item) throw unknown(id)
      return item
    })
    return { ...changes.header, items }
  }
  const removed = new Set(changes.removed)
  const unplaced = new Set(changed.keys())
  const stayed: TimelineItem[] = []
  for (const item of base.items) {
    if (removed.delete(item.id)) continue
    unplaced.delete(item.id)
    stayed.push(changed.get(item.id) ?? item)
  }
  const [missing] = removed
  if (missing !== undefined) throw unknown(missing)
  const items: TimelineItem[] = []
  let from = 0
  for (const { id, at } of changes.added ?? []) {
    const item = changed.get(id)
    if (!item || !unplaced.delete(id) || at < items.length || at > items.length + stayed.length - from)
      throw new ChronotesError('INVALID_ARGUMENT', `the saved changes place a new event (${id}) where it cannot go`)
    while (items.length < at) items.push(stayed[from++]!)
    items.push(item)
  }
  const [stray] = unplaced
  if (stray !== undefined) throw unknown(stray)
  while (from < stayed.length) items.push(stayed[from++]!)
  return { ...changes.header, items }
}

/**
 * `base` (a valid document) with `changes` applied, checked as DocumentSchema checks a whole
 * document, at the cost of what changed: the header and its lanes, the events sent, and the rules
 * across events (acrossEvents). Unknown keys are dropped from what changed, as a whole parse
 * drops them, so the result writes (documentText) exactly as serializeDocument would write it.
 * Validating all 100,000 events of a large timeline again took seconds of each autosave.
 */
export function applyChangesChecked(base: TimelineDocument, changes: DocumentChanges): TimelineDocument {
  const refused = (what: string, error: z.ZodError) =>
    new ChronotesError('INVALID_ARGUMENT', `the saved changes ${what}: ${z.prettifyError(error)}`)
  const header = DocumentSchema.safeParse({ ...changes.header, items: [] })
  if (!header.success) throw refused('have an invalid header', header.error)
  const items = changes.items.map((item) => {
    const checked = ItemSchema.safeParse(item)
    if (!checked.success) throw refused(`have an invalid event (${String(item.id)})`, checked.error)
    return checked.data
  })
  const document = { ...header.data, items: applyChanges(base, { ...changes, items }).items }
  if (document.items.length > MAX_EVENTS)
    throw new ChronotesError('INVALID_ARGUMENT', `the saved changes make more than ${MAX_EVENTS} events`)
  acrossEvents(document, (path, message) => {
    throw new ChronotesError('INVALID_ARGUMENT', `the saved changes break the document: ${path.join('.')} ${message}`)
  })
  return document
}
