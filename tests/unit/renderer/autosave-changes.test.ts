/**
 * Issue 10: autosave sends only what changed. The real document and editor stores over a
 * transport to the real library service (as the preload or the loopback bridge serve it): a
 * drag, a note added and undone, with saves starting while edits go on, reach the file exactly.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, expect, it } from 'vitest'
import { LibraryService } from '../../../src/main/services/library-service'
import { readDocument, serializeDocument } from '../../../src/shared/model/document'
import type { TimelineDocument } from '../../../src/shared/model/schema'
import { makeDocument } from '../helpers/documents'
import { useTempDirs } from '../helpers/library'
import { serveLibrary } from './offline-stores'

const tempDir = useTempDirs()
let library: LibraryService
let root: string
const sent: string[] = []
let stores: {
  useDocumentStore: typeof import('../../../src/renderer/src/stores/document').useDocumentStore
  useEditorStore: typeof import('../../../src/renderer/src/stores/editor').useEditorStore
}

beforeAll(async () => {
  root = await tempDir()
  library = new LibraryService({ root })
  await library.start()
  const settings = { authorName: 'Tester', authorConfirmed: true, libraryPath: root }
  serveLibrary(library, {
    before: (channel) => sent.push(channel),
    settings: { get: () => Promise.resolve({ ok: true, value: settings }) }
  })
  stores = {
    useDocumentStore: (await import('../../../src/renderer/src/stores/document')).useDocumentStore,
    useEditorStore: (await import('../../../src/renderer/src/stores/editor')).useEditorStore
  }
  return () => library.stop()
})

async function onDisk(name: string): Promise<TimelineDocument> {
  const result = readDocument(await readFile(join(root, name), 'utf8'))
  if (!result.ok) throw new Error('the saved file does not read back')
  return result.document
}

it('saves a drag, then a note added and undone while saves are under way, as only the changes', async () => {
  setActivePinia(createPinia())
  const documents = stores.useDocumentStore()
  const editor = stores.useEditorStore()
  const created = await library.createFrom(makeDocument({ items: 50, notesPerItem: 0 }))
  documents.load(created)
  const event = created.document.items[7]!
  const lane2 = created.document.groups[1]!.id
  sent.length = 0

  editor.moveItems([{ id: event.id, groupId: lane2, start: event.start }])
  const first = documents.save() // under way while the next edits are made
  editor.addNote(event.id, 'Check against the border log.')
  await first
  const second = documents.save()
  editor.undo()
  await second
  await documents.save()

  expect(sent.every((channel) => channel === 'documents:save-changes')).toBe(true)
  expect(sent.length).toBeGreaterThanOrEqual(2)
  expect(documents.dirty).toBe(false)
  const saved = await onDisk(created.name)
  expect(saved.items.find((item) => item.id === event.id)).toMatchObject({ groupId: lane2, notes: [] })
  expect(serializeDocument(saved)).toBe(serializeDocument(documents.document!))
})
