/**
 * Issue 9, items 3 and 4: "links are followed out of the library" and "long non-Latin titles
 * cannot be saved". A document, a backups folder, a Trash folder or a settings file that is a
 * symlink is refused (nothing outside the library is read or written), and titles of 200
 * Cyrillic, CJK or Devanagari letters get file names of at most 200 UTF-8 bytes, cut between
 * whole characters, for create, rename and import.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_NAME_BYTES } from '../../src/main/services/library-paths'
import { LibraryService, STATE_DIR, TRASH_DIR } from '../../src/main/services/library-service'
import { SettingsService } from '../../src/main/services/settings-service'
import { serializeDocument } from '../../src/shared/model/document'
import { makeDocument, makeItem } from './helpers/documents'
import { rejection, sha256, steppingClock, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

async function setUp() {
  const root = join(await tempDir(), 'Library')
  const outside = join(await tempDir(), 'Elsewhere')
  await mkdir(outside, { recursive: true })
  const service = new LibraryService({ root, clock: steppingClock() })
  await service.start()
  return { root, outside, service }
}

describe('links out of the library', () => {
  it('refuses to open or save a document that is a symlink, and leaves its target untouched', async () => {
    const { root, outside, service } = await setUp()
    const target = join(outside, 'secret.chronotes.json')
    const text = serializeDocument(makeDocument({ title: 'Outside' }))
    await writeFile(target, text)
    await symlink(target, join(root, 'linked.chronotes.json'))
    expect((await service.list()).map((e) => e.name)).toEqual([])
    const refused = await rejection(service.open('linked.chronotes.json'), 'OUTSIDE_LIBRARY')
    expect(refused.message).toMatch(/does not follow links/)
    await rejection(
      service.save('linked.chronotes.json', makeDocument({ title: 'Overwrite' }), {
        baseRevision: sha256(text),
        force: true
      }),
      'OUTSIDE_LIBRARY'
    )
    await rejection(service.trash('linked.chronotes.json'), 'OUTSIDE_LIBRARY')
    expect(await readFile(target, 'utf8')).toBe(text)
    expect(await readdir(outside)).toEqual(['secret.chronotes.json'])
  })

  it('writes no backup into a symlinked .chronotes/backups folder', async () => {
    const { root, outside, service } = await setUp()
    const { name, document, revision } = await service.create('Kept')
    await symlink(outside, join(root, STATE_DIR, 'backups'))
    const edited = { ...document, items: [makeItem(document.groups[0]!.id, 0)] }
    const error = await rejection(service.save(name, edited, { baseRevision: revision }), 'OUTSIDE_LIBRARY')
    expect(error.message).toMatch(/Nothing was changed/)
    expect(await readdir(outside)).toEqual([])
    expect(sha256(await readFile(join(root, name)))).toBe(revision)
  })

  it('moves nothing into a symlinked Trash folder', async () => {
    const { root, outside, service } = await setUp()
    const { name } = await service.create('Kept')
    await symlink(outside, join(root, TRASH_DIR))
    await rejection(service.trash(name), 'OUTSIDE_LIBRARY')
    expect(await readdir(outside)).toEqual([])
    expect((await service.list()).map((e) => e.name)).toEqual([name])
  })

  it('writes no lock or backup through a symlinked .chronotes folder', async () => {
    const root = join(await tempDir(), 'Library')
    const outside = await tempDir()
    await mkdir(root)
    await symlink(outside, join(root, STATE_DIR))
    const service = new LibraryService({ root })
    await service.start()
    await rejection(service.create('Anything'), 'OUTSIDE_LIBRARY')
    expect(await readdir(outside)).toEqual([])
  })

  it('does not read settings through a symlink, and replaces the link (not its target) on the next change', async () => {
    const dir = await tempDir()
    const target = join(dir, 'elsewhere.json')
    await writeFile(target, JSON.stringify({ authorName: 'Planted' }))
    await symlink(target, join(dir, 'settings.json'))
    const settings = new SettingsService(join(dir, 'settings.json'), {
      authorName: 'Me',
      authorConfirmed: false,
      libraryPath: dir
    })
    expect((await settings.get()).authorName).toBe('Me')
    await settings.update({ authorName: 'Still me' })
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual({ authorName: 'Planted' })
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).authorName).toBe('Still me')
  })
})

const LONG_TITLES = {
  Cyrillic: 'Розвідувальна співпраця між країнами '.repeat(6).slice(0, 200),
  CJK: '情报合作与共享的时间线记录'.repeat(16).slice(0, 200),
  Devanagari: 'खुफिया सहयोग की समयरेखा '.repeat(9).slice(0, 200)
}

describe.each(Object.entries(LONG_TITLES))('a 200-letter %s title', (_script, title) => {
  function expectName(name: string): void {
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES)
    expect(name).toMatch(/\.chronotes\.json$/)
    // Cut between whole characters: no replacement character, and it survives a UTF-8 round trip.
    expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name)
    expect(name).not.toContain('\ufffd')
  }

  it('is created, renamed, imported, listed, opened and trashed', async () => {
    const { root, service } = await setUp()
    expect(title.length).toBe(200)
    const created = await service.create(title)
    expectName(created.name)
    const renamed = await service.rename(created.name, `${title} (2)`)
    expectName(renamed.name)
    const imported = await service.createFrom(makeDocument({ title }))
    expectName(imported.name)
    const twice = await service.createFrom(makeDocument({ title }))
    expectName(twice.name)
    expect(new Set([renamed.name, imported.name, twice.name]).size).toBe(3)
    const listed = await service.list()
    expect(listed.map((e) => e.status === 'ok' && e.title).sort()).toEqual([title, title, `${title} (2)`].sort())
    expect((await service.open(imported.name)).document.title).toBe(title)
    await service.trash(imported.name)
    expect((await readdir(join(root, TRASH_DIR))).length).toBe(1)
  })
})
