/**
 * The bundled dataset with a note and a source that mention Jeddah, for the find-and-filter
 * tests, and a fake bridge for the stores (it must be in place before they are imported).
 */
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import type { ChronotesBridge, Settings } from '@shared/ipc'
import { readDocument } from '@shared/model/document'
import type { TimelineDocument, TimelineItem } from '@shared/model/schema'

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
const settings: Settings = { authorName: 'jdoe', authorConfirmed: true, libraryPath: '/library' }

/** The timelines the fake bridge opens, by file name, as their text (documents:open). */
export const openable = new Map<string, TimelineDocument>()

export function installFakeBridge(): void {
  window.chronotes = {
    on: () => () => undefined,
    documents: {
      outline: () => ok(null),
      openText: (name: string) =>
        ok({ name, revision: 'r0', bytes: new TextEncoder().encode(JSON.stringify(openable.get(name) ?? null)) }),
      save: () => ok({ revision: 'r1', savedAt: new Date().toISOString() }),
      saveChanges: () => ok({ revision: 'r1', savedAt: new Date().toISOString() })
    },
    settings: { get: () => ok(settings), update: () => ok(settings) },
    app: { openExternal: () => ok(undefined), flushed: () => ok(undefined) }
  } as unknown as ChronotesBridge
}

const STAMP = '2025-03-12T10:00:00Z'

/** The dataset, with Jeddah also in a note (Ratcliffe, 5 March) and a source (NGA, 7 March). */
export function jeddahDocument(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error(`bundled dataset does not validate: ${JSON.stringify(result.problems)}`)
  const doc = result.document
  const change = (prefix: string, patch: (item: TimelineItem) => Partial<TimelineItem>) => {
    const at = doc.items.findIndex((item) => item.title.startsWith(prefix))
    if (at < 0) throw new Error(`dataset has no event titled "${prefix}…"`)
    doc.items[at] = { ...doc.items[at]!, ...patch(doc.items[at]!) }
  }
  change('Ratcliffe and Waltz confirm', () => ({
    notes: [
      {
        id: 'note-jeddah',
        author: 'Oksana',
        body: 'The pause was lifted a week later, after the **Jeddah** talks; see the joint statement.',
        createdAt: STAMP,
        updatedAt: STAMP
      }
    ]
  }))
  change('NGA blocks Ukrainian use', (item) => ({
    sources: [
      ...item.sources,
      { title: 'Before Jeddah, imagery went dark', outlet: 'Kyiv Independent', url: null, published: null }
    ]
  }))
  return doc
}

export function idOf(doc: TimelineDocument, prefix: string): string {
  const item = doc.items.find((i) => i.title.startsWith(prefix))
  if (!item) throw new Error(`no event titled "${prefix}…"`)
  return item.id
}
