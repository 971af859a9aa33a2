/**
 * Issue 10's library bullet: "library:list reads and validates every document in full". Large
 * files are listed at once from their header, then with their event count from a byte scan that
 * no listing waits on; small ones are read in full,
 * and every file's entry is cached by size and mtime (in memory and on disk), so that listing
 * an unchanged file reads nothing of it.
 */
import { execFileSync } from 'node:child_process'
import { readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { countEvents, FULL_READ_BYTES, LibraryIndex } from '../../src/main/services/library-index'
import { LibraryService } from '../../src/main/services/library-service'
import { serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument } from './helpers/documents'
import { useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

/** A document over FULL_READ_BYTES whose text mentions "groupId" where it is not a key. */
function largeDocument(title = 'Large'): TimelineDocument {
  const doc = makeDocument({ title, items: 1_500, descriptionLength: 800 })
  doc.items[0]!.description = 'Quoted JSON: {"groupId": "x"} and "groupId" : 1'
  doc.items[1]!.tags = ['groupId']
  doc.items[2]!.notes[0]!.body = '"groupId":"y"'
  return doc
}

async function libraryWith(files: Record<string, string>) {
  const root = await tempDir()
  const cacheDir = join(await tempDir(), 'caches') // the per-user folder's; created when first needed
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text)
  const service = new LibraryService({ root, cacheDir })
  await service.start()
  return { root, cacheDir, service }
}

async function cacheFileIn(cacheDir: string): Promise<string> {
  const files = await readdir(cacheDir)
  expect(files).toEqual([expect.stringMatching(/^library-list-[0-9a-f]{16}\.json$/)])
  return join(cacheDir, files[0]!)
}

describe('listing large documents by their header', () => {
  it('lists a large file at once by its header, then with the event count a full read gives', async () => {
    const doc = largeDocument()
    const text = serializeDocument(doc)
    expect(Buffer.byteLength(text)).toBeGreaterThan(FULL_READ_BYTES)
    const { root, cacheDir, service } = await libraryWith({ 'large.chronotes.json': text })
    const entry = { name: 'large.chronotes.json', status: 'ok', title: 'Large', updatedAt: doc.updatedAt }
    expect(await service.list()).toEqual([{ ...entry, itemCount: null }])
    await service.counted()
    expect(await service.list()).toEqual([{ ...entry, itemCount: 1_500 }])
    // Kept between runs: a restart lists the count at once.
    expect(await new LibraryService({ root, cacheDir }).list()).toEqual([{ ...entry, itemCount: 1_500 }])
  })

  it('counts a large file again when it changes while it is counted', async () => {
    const { root, service } = await libraryWith({ 'large.chronotes.json': serializeDocument(largeDocument()) })
    expect(await service.list()).toMatchObject([{ title: 'Large', itemCount: null }])
    // Another program writes the file while its first version is counted (or just after).
    const fewer = largeDocument('Fewer')
    fewer.items.splice(1_200)
    await writeFile(join(root, 'large.chronotes.json'), serializeDocument(fewer))
    await service.counted()
    expect(await service.list()).toMatchObject([{ title: 'Fewer', itemCount: null }])
    await service.counted()
    expect(await service.list()).toMatchObject([{ title: 'Fewer', itemCount: 1_200 }])
  })

  it('keeps what an open vouched for while the file was counted, with its count', async () => {
    const root = await tempDir()
    const cacheFile = join(await tempDir(), 'list.json')
    await writeFile(join(root, 'large.chronotes.json'), serializeDocument(largeDocument()))
    const index = new LibraryIndex(root, cacheFile)
    expect(await index.entries(['large.chronotes.json'])).toMatchObject([{ itemCount: null }])
    // Opened at once: its validation ends before the count does (here, before the count has read a byte).
    await index.rememberValid('large.chronotes.json', 'build-1:abc')
    expect(await index.isValid('large.chronotes.json', 'build-1:abc')).toBe(true)
    await index.counted()
    const restarted = new LibraryIndex(root, cacheFile)
    expect(await restarted.isValid('large.chronotes.json', 'build-1:abc')).toBe(true)
    expect(await restarted.entries(['large.chronotes.json'])).toMatchObject([{ itemCount: 1_500 }])
  })

  it('lists a link or a pipe put in a listed file’s place as unreadable, and reads nothing through it', async () => {
    const root = await tempDir()
    const outside = await tempDir()
    await writeFile(join(outside, 'small.json'), serializeDocument(makeDocument({ title: 'Outside' })))
    await writeFile(join(outside, 'large.json'), serializeDocument(largeDocument('Outside, large')))
    await symlink(join(outside, 'small.json'), join(root, 'small.chronotes.json'))
    await symlink(join(outside, 'large.json'), join(root, 'large.chronotes.json'))
    // A pipe nobody writes to: opened to be read, it would keep the list waiting for good.
    execFileSync('mkfifo', [join(root, 'pipe.chronotes.json')])
    const index = new LibraryIndex(root, null)
    const entries = await index.entries(['small.chronotes.json', 'large.chronotes.json', 'pipe.chronotes.json'])
    expect(entries.map((entry) => [entry.name, entry.status])).toEqual([
      ['small.chronotes.json', 'unreadable'],
      ['large.chronotes.json', 'unreadable'],
      ['pipe.chronotes.json', 'unreadable']
    ])
    expect(JSON.stringify(entries)).not.toContain('Outside')
    expect(entries.at(-1)).toMatchObject({ problems: [{ message: 'is not a regular file' }] })
  })

  it('counts the events alike whatever the size of its reads, a key split between two or not', async () => {
    const doc = makeDocument({ items: 40 })
    doc.items[0]!.description = 'Quoted JSON: {"groupId": "x"} and "groupId" : 1'
    doc.items[1]!.tags = ['groupId']
    // Spaces and line breaks between some keys and their colons, as another writer may put them.
    let keys = 0
    const text = serializeDocument(doc).replace(/"groupId":/g, (key) => (keys++ % 2 ? '"groupId" \n\t :' : key))
    const path = join(await tempDir(), 'spaced.chronotes.json')
    await writeFile(path, text)
    for (const bytes of [3, 8, 9, 10, 13, 64, 4096, 1 << 20])
      expect(await countEvents(path, bytes), `read ${bytes} bytes at a time`).toBe(40)
  })

  it('lists a cut-off large file as unreadable', async () => {
    const text = serializeDocument(largeDocument())
    const { service } = await libraryWith({ 'cut.chronotes.json': text.slice(0, text.length - 5000) })
    expect(await service.list()).toMatchObject([
      { name: 'cut.chronotes.json', status: 'unreadable', reason: 'INVALID_JSON' }
    ])
  })

  it('lists a large file from a newer Chronotes as NEWER_VERSION', async () => {
    const text = serializeDocument(largeDocument()).replace(/"schemaVersion": \d+/, '"schemaVersion": 99')
    const { service } = await libraryWith({ 'future.chronotes.json': text })
    expect(await service.list()).toMatchObject([{ status: 'unreadable', reason: 'NEWER_VERSION' }])
  })

  it('reads a large file in full when its keys are not in the writer’s order', async () => {
    const doc = largeDocument('Reordered')
    const { items, ...rest } = JSON.parse(serializeDocument(doc)) as TimelineDocument
    const text = JSON.stringify({ items, ...rest })
    expect(Buffer.byteLength(text)).toBeGreaterThan(FULL_READ_BYTES)
    const { service } = await libraryWith({ 'reordered.chronotes.json': text })
    // Read whole, it is counted at once.
    expect(await service.list()).toMatchObject([{ status: 'ok', title: 'Reordered', itemCount: 1_500 }])
  })
})

describe('the list cache', () => {
  /** A whole second, so that utimes can put a file's mtime back exactly. */
  const SECOND = new Date('2026-01-02T03:04:05Z')

  /** Replaces a file's bytes with others of the same size and puts its mtime back: unseen by a stat. */
  async function swapUnseen(path: string, text: string): Promise<void> {
    expect(Buffer.byteLength(text)).toBe((await stat(path)).size)
    await writeFile(path, text)
    await utimes(path, SECOND, SECOND)
  }

  it('lists an unchanged file without reading it, in the same process and after a restart', async () => {
    const original = serializeDocument(makeDocument({ title: 'Original' }))
    const { root, cacheDir, service } = await libraryWith({ 'a.chronotes.json': original })
    await utimes(join(root, 'a.chronotes.json'), SECOND, SECOND)
    expect(await service.list()).toMatchObject([{ title: 'Original' }])
    await swapUnseen(join(root, 'a.chronotes.json'), original.replace('"Original"', '"Switched"'))
    expect(await service.list()).toMatchObject([{ title: 'Original' }])
    expect(await new LibraryService({ root, cacheDir }).list()).toMatchObject([{ title: 'Original' }])
    // Without a per-user folder (the CLI) nothing is kept between runs: the file is read.
    expect(await new LibraryService({ root }).list()).toMatchObject([{ title: 'Switched' }])
    // A real change moves the mtime (or the size): it is read again.
    const later = new Date(SECOND.getTime() + 5_000)
    await utimes(join(root, 'a.chronotes.json'), later, later)
    expect(await service.list()).toMatchObject([{ title: 'Switched' }])
  })

  it('knows what the library itself saved without reading it', async () => {
    const { service } = await libraryWith({})
    const created = await service.create('Fresh')
    const doc = { ...created.document, title: 'Fresh, edited' }
    await service.save(created.name, doc, { baseRevision: created.revision })
    expect(await service.list()).toEqual([
      { name: created.name, status: 'ok', title: 'Fresh, edited', updatedAt: doc.updatedAt, itemCount: 0 }
    ])
  })

  it('starts afresh from a damaged cache file', async () => {
    const { root, cacheDir, service } = await libraryWith({
      'b.chronotes.json': serializeDocument(makeDocument({ title: 'B' }))
    })
    await service.list()
    const cacheFile = await cacheFileIn(cacheDir)
    await writeFile(cacheFile, '{ damaged')
    expect(await new LibraryService({ root, cacheDir }).list()).toMatchObject([{ title: 'B' }])
    expect(JSON.parse(await readFile(cacheFile, 'utf8'))).toHaveProperty(['b.chronotes.json'])
  })

  it('keeps the cache in the per-user folder, one file per library, and nothing of it in the library', async () => {
    const { root, cacheDir, service } = await libraryWith({
      'c.chronotes.json': serializeDocument(makeDocument({ title: 'C' }))
    })
    await service.list()
    const other = await tempDir()
    await writeFile(join(other, 'd.chronotes.json'), serializeDocument(makeDocument({ title: 'D' })))
    await new LibraryService({ root: other, cacheDir }).list()
    expect(await readdir(cacheDir)).toHaveLength(2)
    expect(await readdir(join(root, '.chronotes'))).not.toContain('list-cache.json')
  })
})
