/**
 * Issue 9: "watch the open document's file". When another program changes or removes the open
 * document's file, the library says so at once (not at the next save), once per change; its own
 * saves, recognised by their revision, are never reported. Real files, a real fs.watch.
 */
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { LibraryService, type ExternalChange } from '../../src/main/services/library-service'
import { serializeDocument } from '../../src/shared/model/document'
import { makeItem } from './helpers/documents'
import { useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

async function watchedLibrary() {
  const root = await tempDir()
  const changes: ExternalChange[] = []
  const checks: string[] = []
  const service = new LibraryService({
    root,
    onExternalChange: (change) => changes.push(change),
    onWatchCheck: (outcome) => checks.push(outcome)
  })
  await service.start()
  return { root, service, changes, checks }
}

// Waits on a condition, never a fixed time: fs.watch delivers when the system does.
const until = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true), { timeout: 10_000 })

describe('watching the open document', () => {
  it('reports another program’s change at once, and never its own saves', async () => {
    const { root, service, changes, checks } = await watchedLibrary()
    const created = await service.create('Watched')
    const opened = await service.open(created.name)

    const mine = { ...opened.document, items: [makeItem(opened.document.groups[0]!.id, 0, { title: 'mine' })] }
    await service.save(created.name, mine, { baseRevision: opened.revision })
    // A look that ends after the save has ended saw the saved file: it must be known as ours.
    const looked = checks.length
    await until(() => checks.length > looked)
    expect(checks.at(-1)).toBe('ours')
    expect(changes).toEqual([])

    const theirs = { ...mine, title: 'Changed by a colleague’s sync' }
    await writeFile(join(root, created.name), serializeDocument(theirs))
    await until(() => changes.length > 0)
    expect(changes).toEqual([{ name: created.name, deleted: false }])
    expect(checks.filter((c) => c === 'theirs')).toHaveLength(1)
  })

  it('reports a removed file as deleted', async () => {
    const { root, service, changes } = await watchedLibrary()
    const created = await service.create('Removed')
    await service.open(created.name)
    await rm(join(root, created.name))
    await until(() => changes.length > 0)
    expect(changes).toEqual([{ name: created.name, deleted: true }])
  })

  it('ignores changes to documents that are not open', async () => {
    const { root, service, changes, checks } = await watchedLibrary()
    const other = await service.create('Other')
    const open = await service.create('Open')
    await service.open(open.name)
    await writeFile(join(root, other.name), serializeDocument({ ...other.document, title: 'Edited elsewhere' }))
    await writeFile(join(root, open.name), serializeDocument({ ...open.document, title: 'Edited too' }))
    await until(() => changes.length > 0)
    expect(changes).toEqual([{ name: open.name, deleted: false }])
    expect(checks.filter((c) => c === 'theirs')).toEqual(['theirs'])
  })

  it('stops watching when stopped', async () => {
    const { root, service, changes, checks } = await watchedLibrary()
    const created = await service.create('Stopped')
    await service.open(created.name)
    await service.stop()
    await writeFile(join(root, created.name), serializeDocument({ ...created.document, title: 'Later' }))
    // A second, still-running library shows the change did happen and was seen by a watcher.
    const seen: ExternalChange[] = []
    const other = new LibraryService({ root, onExternalChange: (change) => seen.push(change) })
    await other.start()
    await other.open(created.name)
    await writeFile(join(root, created.name), serializeDocument({ ...created.document, title: 'Later still' }))
    await until(() => seen.length > 0)
    await other.stop()
    expect(changes).toEqual([])
    expect(checks).toEqual([])
  })
})
