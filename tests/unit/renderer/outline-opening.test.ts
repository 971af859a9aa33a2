/**
 * Issue 10: opening a large timeline draws its outline first. The real document store, over a
 * transport to the real library service (as the preload or the loopback bridge is), with the
 * document's read held where a test needs it: the outline is shown meanwhile and never saved;
 * an edit made to the timeline on screen meanwhile is saved before it goes; an open overtaken
 * by another does not land over it; and an open that fails leaves no outline behind.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { LibraryService } from '../../../src/main/services/library-service'
import { readDocument } from '../../../src/shared/model/document'
import { OUTLINE_FROM } from '../../../src/shared/view/outline'
import { makeDocument } from '../helpers/documents'
import { serveLibrary } from './offline-stores'

let root: string
let library: LibraryService
let stores: {
  useDocumentStore: typeof import('../../../src/renderer/src/stores/document').useDocumentStore
  useLibraryStore: typeof import('../../../src/renderer/src/stores/library').useLibraryStore
}
/** Reads of these documents wait until released. */
const held = new Map<string, Promise<void>>()
const saves: string[] = []

function hold(name: string): () => void {
  let release = () => {}
  held.set(name, new Promise<void>((resolve) => (release = resolve)))
  return () => {
    held.delete(name)
    release()
  }
}

beforeAll(async () => {
  // One library for every test here (the service is built once, as main builds it).
  const dir = await mkdtemp(join(tmpdir(), 'chronotes-outline-opening-'))
  root = join(dir, 'library')
  library = new LibraryService({ root, cacheDir: join(dir, 'caches'), validatorId: 'test' })
  await library.start()
  serveLibrary(library, {
    before: async (channel, args) => {
      const name = String(args[0])
      if (channel === 'documents:open') await held.get(name)
      if (channel.startsWith('documents:save')) saves.push(name)
    }
  })
  stores = {
    useDocumentStore: (await import('../../../src/renderer/src/stores/document')).useDocumentStore,
    useLibraryStore: (await import('../../../src/renderer/src/stores/library')).useLibraryStore
  }
  return async () => {
    await library.stop()
    await rm(dir, { recursive: true, force: true })
  }
})

/** A timeline in the library, large enough to keep an outline (written when it is saved). */
async function timeline(title: string, items = OUTLINE_FROM): Promise<string> {
  const created = await library.create(title)
  await library.save(created.name, makeDocument({ title, items, notesPerItem: 0 }), { baseRevision: created.revision })
  return created.name
}

const titleOnDisk = async (name: string) => {
  const read = readDocument(await readFile(join(root, name), 'utf8'))
  return read.ok ? read.document.title : null
}
/** Waits for the store to reach a state, however busy the machine (never a figure of speed). */
const until = (done: () => boolean) => vi.waitFor(() => expect(done()).toBe(true), { timeout: 25_000, interval: 5 })

describe('opening a large timeline', () => {
  it('shows its outline while the document is read, saves nothing from it, then shows the document', async () => {
    setActivePinia(createPinia())
    const documents = stores.useDocumentStore()
    const name = await timeline('Large')
    const release = hold(name)
    const opening = documents.open(name)
    await until(() => documents.preview !== null)
    expect(documents.document).toBeNull()
    expect(documents.shown?.title).toBe('Large')
    expect(documents.eventCount).toBe(OUTLINE_FROM)
    saves.length = 0
    await documents.save()
    await documents.flush()
    expect(saves).toEqual([])
    release()
    await opening
    expect(documents.preview).toBeNull()
    expect(documents.document?.items).toHaveLength(OUTLINE_FROM)
    expect(documents.name).toBe(name)
  })

  it('saves an edit made to the timeline on screen while another one is read, before replacing it', async () => {
    setActivePinia(createPinia())
    const documents = stores.useDocumentStore()
    const small = await timeline('Small', 3)
    await documents.open(small)
    // Without an outline, the timeline on screen stays there, editable, while the next is read.
    const next = await timeline('Next', 3)
    const release = hold(next)
    const opening = documents.open(next)
    await until(() => documents.opening === next)
    documents.commit({ ...documents.document!, title: 'Edited while another opened' })
    release()
    await opening
    expect(documents.name).toBe(next)
    expect(await titleOnDisk(small)).toBe('Edited while another opened')
  })

  it('does not put an open that another overtook over the timeline asked for last', async () => {
    setActivePinia(createPinia())
    const documents = stores.useDocumentStore()
    const slow = await timeline('Slow')
    const fast = await timeline('Fast', 3)
    const release = hold(slow)
    const first = documents.open(slow)
    await until(() => documents.preview?.title === 'Slow')
    await documents.open(fast)
    expect(documents.document?.title).toBe('Fast')
    release()
    await first
    expect(documents.document?.title).toBe('Fast')
    expect(documents.preview).toBeNull()
  })

  it('lets an overtaken open, failing, neither close the timeline asked for last nor clear what the window says of it', async () => {
    setActivePinia(createPinia())
    const documents = stores.useDocumentStore()
    const libraryStore = stores.useLibraryStore()
    const first = await timeline('Asked first', 3)
    const last = await timeline('Asked last', 3)
    await libraryStore.refresh()
    const [releaseFirst, releaseLast] = [hold(first), hold(last)]
    const opens = [libraryStore.open(first), libraryStore.open(last)]
    // The first read fails (another program spoilt the file), after the second was asked for.
    await writeFile(join(root, first), 'not json')
    releaseFirst()
    await opens[0]
    expect(libraryStore.openingLabel).toBe('Opening “Asked last” (3 events)…')
    expect(libraryStore.openError).toBeNull()
    releaseLast()
    await opens[1]
    expect(documents.document?.title).toBe('Asked last')
    expect([libraryStore.openingLabel, libraryStore.openError]).toEqual(['', null])
  })

  it('leaves no outline behind when the document turns out unreadable', async () => {
    setActivePinia(createPinia())
    const documents = stores.useDocumentStore()
    const libraryStore = stores.useLibraryStore()
    const name = await timeline('Damaged while opening')
    const release = hold(name)
    const opening = libraryStore.open(name)
    await until(() => documents.preview !== null)
    // Another program spoils the file between the outline and the document.
    const path = join(root, name)
    await writeFile(path, (await readFile(path, 'utf8')).replace('"format": "chronotes"', '"format": "chronotex"'))
    release()
    await opening
    expect(documents.preview).toBeNull()
    expect(documents.shown).toBeNull()
    expect(libraryStore.openError?.message).toMatch(/not a Chronotes document/)
  })
})
