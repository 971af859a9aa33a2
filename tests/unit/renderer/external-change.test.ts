/**
 * Issue 9: "watch the open document's file". The real document store, over a transport that
 * serves the real library service (as the preload or the loopback bridge does), hears at once
 * that another program changed the open file: it shows the conflict, saves nothing over the
 * other version, and "Load theirs" loads it.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { LibraryService } from '../../../src/main/services/library-service'
import type { ChronotesEvents } from '../../../src/shared/ipc'
import { readDocument, serializeDocument } from '../../../src/shared/model/document'
import { makeItem } from '../helpers/documents'
import { useTempDirs } from '../helpers/library'
import { serveLibrary } from './offline-stores'

const tempDir = useTempDirs()
const listeners = new Map<string, ((payload: unknown) => void)[]>()
let library: LibraryService
let root: string
let useDocumentStore: typeof import('../../../src/renderer/src/stores/document').useDocumentStore
let onEvent: typeof import('../../../src/renderer/src/api').onEvent

function emit<E extends keyof ChronotesEvents>(event: E, payload: ChronotesEvents[E]): void {
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

beforeAll(async () => {
  root = await tempDir()
  library = new LibraryService({ root, onExternalChange: (change) => emit('documents:changed-on-disk', change) })
  await library.start()
  serveLibrary(library, {
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return () => {}
    }
  })
  ;({ useDocumentStore } = await import('../../../src/renderer/src/stores/document'))
  ;({ onEvent } = await import('../../../src/renderer/src/api'))
  return () => library.stop()
})

describe('a change on disk while the document is open', () => {
  it('is shown at once as a conflict; nothing is saved over it; "Load theirs" loads it', async () => {
    setActivePinia(createPinia())
    const documents = useDocumentStore()
    onEvent('documents:changed-on-disk', (change) => documents.noticeExternalChange(change)) // as App.vue does
    const created = await library.create('Shared notes')
    await documents.open(created.name)
    expect(documents.state).toBe('saved')

    const theirs = { ...created.document, title: 'Edited by a colleague' }
    await writeFile(join(root, created.name), serializeDocument(theirs))
    await vi.waitFor(() => expect(documents.state).toBe('conflict'), { timeout: 10_000 })
    expect(documents.problem?.message).toBe(`"${created.name}" was changed on disk by another program.`)

    // An edit made now is not saved over their version until the user chooses.
    const mine = documents.document!
    documents.commit({ ...mine, items: [makeItem(mine.groups[0]!.id, 0, { title: 'mine' })] })
    await documents.save()
    const onDisk = readDocument(await readFile(join(root, created.name), 'utf8'))
    expect(onDisk.ok && onDisk.document.title).toBe('Edited by a colleague')

    await documents.resolveConflict('reload')
    expect(documents.state).toBe('saved')
    expect(documents.document?.title).toBe('Edited by a colleague')
  })
})
