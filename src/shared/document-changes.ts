import { z } from 'zod'
import { ChronotesError } from './errors'
import { ItemSchema, type TimelineDocument, type TimelineItem } from './model/schema'

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
  /** Every event's id in order, when events were added, removed or reordered. */
  order?: string[]
}

const MAX_ITEMS = 1_000_000

/** Checked where it crosses into main; the whole document is validated again when it is written. */
export const DocumentChangesSchema = z.object({
  header: z.custom<Omit<TimelineDocument, 'items'>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'must be the document without its events'
  ),
  items: z.array(ItemSchema).max(MAX_ITEMS),
  order: z.array(z.string().max(200)).max(MAX_ITEMS).optional()
})

/** The changes that turn `base` into `next`. */
export function documentChanges(base: TimelineDocument, next: TimelineDocument): DocumentChanges {
  const { items, ...header } = next
  const before = base.items
  const samePlaces = before.length === items.length && items.every((item, i) => item.id === before[i]!.id)
  if (samePlaces) return { header, items: items.filter((item, i) => item !== before[i]) }
  const previous = new Map(before.map((item) => [item.id, item]))
  return {
    header,
    items: items.filter((item) => previous.get(item.id) !== item),
    order: items.map((item) => item.id)
  }
}

/** The document `changes` make of `base`. Throws if they name an event `base` does not have. */
export function applyChanges(base: TimelineDocument, changes: DocumentChanges): TimelineDocument {
  const changed = new Map(changes.items.map((item) => [item.id, item]))
  const order = changes.order ?? base.items.map((item) => item.id)
  const known = changes.order ? new Map(base.items.map((item) => [item.id, item])) : null
  const items = order.map((id, i) => {
    const item = changed.get(id) ?? (known ? known.get(id) : base.items[i])
    if (!item)
      throw new ChronotesError('INVALID_ARGUMENT', `the saved changes name an event (${id}) the file does not have`)
    return item
  })
  return { ...changes.header, items }
}
