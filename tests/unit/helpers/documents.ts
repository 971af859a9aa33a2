/**
 * Small, valid documents built in code, so that the tests do not depend on the bundled dataset.
 */
import { emptyDocument } from '../../../src/shared/model/factory'
import { newId } from '../../../src/shared/model/ids'
import type { Note, TimelineDocument, TimelineItem } from '../../../src/shared/model/schema'

export const STAMP = '2025-03-05T14:00:00.000Z'

export interface MakeDocumentOptions {
  title?: string
  /** How many events; they cycle through point, range and background kinds. */
  items?: number
  /** How many notes each event carries. */
  notesPerItem?: number
  /** Characters of description per event. */
  descriptionLength?: number
  now?: Date
}

export function makeNote(body: string, author = 'A. Researcher'): Note {
  return { id: newId(), author, body, createdAt: STAMP, updatedAt: STAMP }
}

export function makeItem(groupId: string, index: number, overrides: Partial<TimelineItem> = {}): TimelineItem {
  const kinds = ['point', 'range', 'background'] as const
  const kind = kinds[index % kinds.length]!
  const year = 2014 + (index % 11)
  const month = String((index % 12) + 1).padStart(2, '0')
  const day = String((index % 28) + 1).padStart(2, '0')
  const start = `${year}-${month}-${day}`
  return {
    id: newId(),
    groupId,
    kind,
    start,
    ...(kind === 'point' ? {} : { end: `${year + 1}-${month}-${day}` }),
    title: `Event ${index + 1}`,
    description: `Description of event ${index + 1}, with *markdown*.`,
    tags: ['tag-a', `tag-${index % 5}`],
    confidence: 'reported',
    sources: [
      { title: `Source ${index + 1}`, outlet: 'Outlet', url: `https://example.org/${index + 1}`, published: start },
      { title: null, outlet: null, url: null, published: null }
    ],
    notes: [],
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides
  }
}

/** A valid document with a second lane, `items` events and `notesPerItem` notes on each. */
export function makeDocument(options: MakeDocumentOptions = {}): TimelineDocument {
  const doc = emptyDocument(options.title ?? 'Test timeline', options.now ?? new Date(STAMP))
  doc.description = 'A timeline built by the unit tests.'
  doc.groups.push({ id: newId(), title: 'Second lane', color: '#e15759', order: 1 })
  const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil((options.descriptionLength ?? 0) / 27))
  for (let index = 0; index < (options.items ?? 3); index++) {
    const item = makeItem(doc.groups[index % 2]!.id, index)
    if (options.descriptionLength) item.description = filler.slice(0, options.descriptionLength)
    for (let n = 0; n < (options.notesPerItem ?? 1); n++)
      item.notes.push(makeNote(`Note ${n + 1} on event ${index + 1}`))
    doc.items.push(item)
  }
  return doc
}

/** A document of several megabytes, so that saving it takes a noticeable time. */
export function makeLargeDocument(items = 20_000, title = 'Large timeline'): TimelineDocument {
  return makeDocument({ title, items, notesPerItem: 1, descriptionLength: 200 })
}

/** The same object with its keys (at every depth) in reverse order. */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)])
    ) as T
  }
  return value
}
