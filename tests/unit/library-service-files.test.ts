import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryService, TRASH_DIR } from '../../src/main/services/library-service'
import { serializeDocument } from '../../src/shared/model/document'
import { makeDocument } from './helpers/documents'
import { rejection, sha256, steppingClock, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

async function library() {
  const root = await tempDir()
  const service = new LibraryService({ root, clock: steppingClock() })
  await service.start()
  return { root, service }
}

/** A document in the library with two saves behind it, so that it has two backups. */
async function withBackups(service: LibraryService, title: string) {
  const created = await service.create(title)
  const doc = {
    ...created.document,
    items: makeDocument({ items: 2 }).items.map((i) => ({ ...i, groupId: created.document.groups[0]!.id }))
  }
  const first = await service.save(created.name, doc, { baseRevision: created.revision })
  await service.save(created.name, { ...doc, description: 'second save' }, { baseRevision: first.revision })
  return service.open(created.name)
}

describe('rename', () => {
  it('renames the file after the new title, moving its backups and leaving nothing behind', async () => {
    const { root, service } = await library()
    const before = await withBackups(service, 'Alpha')
    const backupsBefore = await service.backups(before.name)
    expect(backupsBefore).toHaveLength(2)
    const renamed = await service.rename(before.name, 'Beta Gamma')
    expect(renamed.name).toBe('beta-gamma.chronotes.json')
    expect(renamed.document).toEqual({ ...before.document, title: 'Beta Gamma', updatedAt: expect.any(String) })
    expect(renamed.document.updatedAt).not.toBe(before.document.updatedAt)
    expect(renamed.revision).toBe(sha256(await readFile(join(root, renamed.name))))
    expect(existsSync(join(root, before.name))).toBe(false)
    expect(await service.backups(renamed.name)).toEqual(backupsBefore)
    expect(await service.backups(before.name)).toEqual([])
    expect((await service.list()).map((e) => e.name)).toEqual([renamed.name])
  })

  it('keeps the file name when the new title has the same slug, and backs up the old title', async () => {
    const { root, service } = await library()
    const { name, document } = await service.create('Alpha')
    const renamed = await service.rename(name, 'ALPHA!')
    expect(renamed.name).toBe(name)
    expect(renamed.document.title).toBe('ALPHA!')
    expect(renamed.revision).toBe(sha256(await readFile(join(root, name))))
    expect((await service.open(name)).document.title).toBe('ALPHA!')
    const [backup] = await service.backups(name)
    expect(await readFile(join(root, '.chronotes', 'backups', name, backup!.id), 'utf8')).toBe(
      serializeDocument(document)
    )
  })

  it('does not take the name of another document', async () => {
    const { service } = await library()
    const taken = await service.create('Beta')
    const { name } = await service.create('Alpha')
    const renamed = await service.rename(name, 'Beta')
    expect(renamed.name).toBe('beta-2.chronotes.json')
    expect((await service.open(taken.name)).document).toEqual(taken.document)
  })

  // Regression: trash() left a document's backups behind, so renaming another document onto its
  // name failed half-way (ENOTEMPTY) with both files present.
  it('renames onto the name of a trashed document that had backups', async () => {
    const { service } = await library()
    const gone = await withBackups(service, 'Beta')
    await service.trash(gone.name)
    const alpha = await withBackups(service, 'Alpha')
    const renamed = await service.rename(alpha.name, 'Beta')
    expect(renamed.name).toBe('beta.chronotes.json')
    expect((await service.list()).map((e) => e.name)).toEqual(['beta.chronotes.json'])
  })
})

describe('duplicate', () => {
  it('copies a document under a new id and a "(copy)" title, keeping the event ids', async () => {
    const { service } = await library()
    const original = await withBackups(service, 'Original')
    const copy = await service.duplicate(original.name)
    expect(copy.name).toBe('original-copy.chronotes.json')
    expect(copy.document.id).not.toBe(original.document.id)
    expect(copy.document.title).toBe('Original (copy)')
    expect(copy.document.items).toEqual(original.document.items)
    expect(copy.document.groups).toEqual(original.document.groups)
    expect(copy.document.createdAt).not.toBe(original.document.createdAt)
    expect(await service.open(original.name)).toEqual(original)
    expect((await service.open(copy.name)).document).toEqual(copy.document)
    expect(await service.backups(copy.name)).toEqual([])
  })
})

describe('trash', () => {
  it('moves the file into <root>/Trash with identical bytes, out of the list', async () => {
    const { root, service } = await library()
    const keep = await service.create('Keep')
    const { name } = await withBackups(service, 'Bin me')
    const bytes = await readFile(join(root, name))
    await service.trash(name)
    expect(existsSync(join(root, name))).toBe(false)
    const trashed = (await readdir(join(root, TRASH_DIR))).sort()
    // Its backups go with it, so that nothing of it is left behind in the library.
    expect(trashed).toEqual([
      expect.stringMatching(/^2025-01-01T00-00-\d\d-000Z bin-me\.chronotes\.json$/),
      expect.stringMatching(/^2025-01-01T00-00-\d\d-000Z bin-me\.chronotes\.json backups$/)
    ])
    expect(await readFile(join(root, TRASH_DIR, trashed[0]!))).toEqual(bytes)
    expect((await readdir(join(root, TRASH_DIR, trashed[1]!))).length).toBeGreaterThan(0)
    expect((await service.list()).map((e) => e.name)).toEqual([keep.name])
    await rejection(service.open(name), 'NOT_FOUND')
    await rejection(service.trash(name), 'NOT_FOUND')
  })

  it('keeps both when a document of the same name is trashed twice', async () => {
    const { root, service } = await library()
    for (const n of [1, 2]) {
      const { name } = await service.create('Twice')
      await writeFile(join(root, name), serializeDocument({ ...makeDocument(), title: `Twice ${n}` }))
      await service.trash(name)
    }
    expect(await readdir(join(root, TRASH_DIR))).toHaveLength(2)
  })
})

describe('list', () => {
  it('lists readable documents by title with their event counts, and unreadable ones with reasons', async () => {
    const { root, service } = await library()
    await writeFile(join(root, 'b.chronotes.json'), serializeDocument(makeDocument({ title: 'Zulu', items: 4 })))
    await writeFile(join(root, 'a.chronotes.json'), serializeDocument(makeDocument({ title: 'Alpha', items: 2 })))
    await writeFile(join(root, 'broken.chronotes.json'), 'this is not JSON')
    await writeFile(join(root, 'future.chronotes.json'), JSON.stringify({ ...makeDocument(), schemaVersion: 99 }))
    await writeFile(join(root, 'invalid.chronotes.json'), JSON.stringify({ ...makeDocument(), groups: 'none' }))
    // Not documents: other files, a stray temporary file of an atomic write, a hidden file.
    await writeFile(join(root, 'notes.txt'), 'x')
    await writeFile(join(root, 'data.json'), '{}')
    await writeFile(join(root, 'a.chronotes.json.123456'), 'partial')
    await writeFile(join(root, '.hidden.chronotes.json'), serializeDocument(makeDocument()))
    await mkdir(join(root, TRASH_DIR))
    const entries = await service.list()
    expect(entries.map((e) => e.name)).toEqual([
      'a.chronotes.json',
      'broken.chronotes.json',
      'future.chronotes.json',
      'invalid.chronotes.json',
      'b.chronotes.json'
    ])
    expect(entries[0]).toEqual({
      name: 'a.chronotes.json',
      status: 'ok',
      title: 'Alpha',
      updatedAt: '2025-03-05T14:00:00.000Z',
      itemCount: 2
    })
    expect(entries[4]).toMatchObject({ status: 'ok', title: 'Zulu', itemCount: 4 })
    expect(entries[1]).toMatchObject({
      status: 'unreadable',
      reason: 'INVALID_JSON',
      problems: [{ file: 'broken.chronotes.json' }]
    })
    expect(entries[2]).toMatchObject({
      status: 'unreadable',
      reason: 'NEWER_VERSION',
      problems: [{ field: 'schemaVersion' }]
    })
    expect(entries[3]).toMatchObject({
      status: 'unreadable',
      reason: 'INVALID_DOCUMENT',
      problems: [{ field: 'groups' }]
    })
  })

  // Regression: a folder whose name ends in .chronotes.json made readFile throw EISDIR and the whole list fail.
  it('still lists the documents when a folder is named like one', async () => {
    const { root, service } = await library()
    const { name } = await service.create('Visible')
    await mkdir(join(root, 'folder.chronotes.json'))
    expect((await service.list()).map((e) => e.name)).toContain(name)
  })

  it('is empty for a new library', async () => {
    const { service } = await library()
    expect(await service.list()).toEqual([])
  })
})

describe('restoreBackup called directly', () => {
  // Regression: the backup id was joined to a path unchecked, so a direct caller (CLI, bridge) could
  // "restore" any file over a document.
  it('refuses a backup id that leaves the backup folder', async () => {
    const { root, service } = await library()
    const a = await service.create('A')
    await service.create('B')
    await rejection(service.restoreBackup(a.name, '../../../b.chronotes.json'), 'INVALID_ARGUMENT')
    expect(await readFile(join(root, a.name), 'utf8')).toBe(serializeDocument(a.document))
  })
})
