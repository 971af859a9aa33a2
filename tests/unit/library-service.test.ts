import { existsSync } from 'node:fs'
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryService, slugify, TRASH_DIR } from '../../src/main/services/library-service'
import { readDocument, serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument, makeItem } from './helpers/documents'
import { rejection, sha256, steppingClock, strayTempFiles, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

async function library(backupsToKeep?: number) {
  const root = await tempDir()
  const service = new LibraryService({ root, clock: steppingClock(), ...(backupsToKeep ? { backupsToKeep } : {}) })
  await service.start()
  return { root, service }
}

/** The document with one more event, as an edit in the app would make it. */
function edited(doc: TimelineDocument, title = 'Added'): TimelineDocument {
  return { ...doc, items: [...doc.items, makeItem(doc.groups[0]!.id, doc.items.length, { title })] }
}

describe('creating and opening', () => {
  it('creates an empty timeline in a file named after its title', async () => {
    const { root, service } = await library()
    const created = await service.create('Intelligence sharing, 2014')
    expect(created.name).toBe('intelligence-sharing-2014.chronotes.json')
    expect(created.document).toMatchObject({
      title: 'Intelligence sharing, 2014',
      items: [],
      createdAt: '2025-01-01T00:00:01.000Z'
    })
    expect(created.document.groups).toHaveLength(1)
    const bytes = await readFile(join(root, created.name))
    expect(created.revision).toBe(sha256(bytes))
    expect(bytes.toString('utf8')).toBe(serializeDocument(created.document))
  })

  it('gives a second timeline of the same title a free name', async () => {
    const { service } = await library()
    const names = [await service.create('Notes'), await service.create('Notes'), await service.create('notes!')]
    expect(names.map((o) => o.name)).toEqual([
      'notes.chronotes.json',
      'notes-2.chronotes.json',
      'notes-3.chronotes.json'
    ])
  })

  it('opens a document with the revision of its bytes', async () => {
    const { root, service } = await library()
    const doc = makeDocument({ items: 5 })
    await writeFile(join(root, 'mine.chronotes.json'), serializeDocument(doc))
    const opened = await service.open('mine.chronotes.json')
    expect(opened).toEqual({ name: 'mine.chronotes.json', document: doc, revision: sha256(serializeDocument(doc)) })
  })

  it('says NOT_FOUND for a document that is not there', async () => {
    const { service } = await library()
    await rejection(service.open('missing.chronotes.json'), 'NOT_FOUND')
  })
})

describe('saving', () => {
  it('writes the document atomically and returns the sha256 of the file as its revision', async () => {
    const { root, service } = await library()
    const { name, document, revision } = await service.create('Saved')
    const next = edited(document)
    const saved = await service.save(name, next, { baseRevision: revision })
    const bytes = await readFile(join(root, name))
    expect(saved.revision).toBe(sha256(bytes))
    expect(saved.savedAt).toMatch(/^2025-01-01T00:00:\d\d\.000Z$/)
    expect(bytes.toString('utf8')).toBe(serializeDocument(next))
    expect(await strayTempFiles(root)).toEqual([])
    expect((await service.open(name)).document).toEqual(next)
  })

  it('saves a new file only with a null base revision', async () => {
    const { root, service } = await library()
    const doc = makeDocument()
    await service.save('fresh.chronotes.json', doc, { baseRevision: null })
    expect(readDocument(await readFile(join(root, 'fresh.chronotes.json'), 'utf8'))).toEqual({
      ok: true,
      document: doc
    })
    expect(await service.backups('fresh.chronotes.json')).toEqual([])
  })

  it('refuses with CONFLICT when the file changed on disk since it was opened, and leaves it alone', async () => {
    const { root, service } = await library()
    const { name, document, revision } = await service.create('Shared')
    const external = serializeDocument({ ...document, title: 'Changed by a colleague' })
    await writeFile(join(root, name), external)
    const error = await rejection(service.save(name, edited(document), { baseRevision: revision }), 'CONFLICT')
    expect(error.message).toContain(name)
    expect(await readFile(join(root, name), 'utf8')).toBe(external)
    await rejection(service.save(name, edited(document), { baseRevision: null }), 'CONFLICT')
    expect(await readFile(join(root, name), 'utf8')).toBe(external)
  })

  it('overwrites a changed file when forced, keeping the other version as a backup', async () => {
    const { root, service } = await library()
    const { name, document, revision } = await service.create('Shared')
    const external = serializeDocument({ ...document, title: 'Changed by a colleague' })
    await writeFile(join(root, name), external)
    const mine = edited(document)
    const saved = await service.save(name, mine, { baseRevision: revision, force: true })
    expect(saved.revision).toBe(sha256(await readFile(join(root, name))))
    expect((await service.open(name)).document).toEqual(mine)
    const [backup] = await service.backups(name)
    expect(await readFile(join(root, '.chronotes', 'backups', name, backup!.id), 'utf8')).toBe(external)
  })

  it('refuses with CONFLICT when the file was deleted on disk since it was opened', async () => {
    const { root, service } = await library()
    const { name, document, revision } = await service.create('Gone')
    await unlink(join(root, name))
    await rejection(service.save(name, edited(document), { baseRevision: revision }), 'CONFLICT')
    expect(existsSync(join(root, name))).toBe(false)
  })
})

describe('backups', () => {
  it('keeps the previous version at each save, rotating to keep backupsToKeep, newest first', async () => {
    const { root, service } = await library(3)
    const { name, document, revision } = await service.create('Versions')
    const versions = [await readFile(join(root, name), 'utf8')]
    let base = revision
    for (let n = 1; n <= 5; n++) {
      base = (await service.save(name, { ...document, title: `Version ${n}` }, { baseRevision: base })).revision
      versions.push(await readFile(join(root, name), 'utf8'))
    }
    const backups = await service.backups(name)
    expect(backups).toHaveLength(3)
    const contents = await Promise.all(
      backups.map((b) => readFile(join(root, '.chronotes', 'backups', name, b.id), 'utf8'))
    )
    // The file now holds version 5; the backups are versions 4, 3 and 2, newest first.
    expect(contents).toEqual([versions[4], versions[3], versions[2]])
    expect(backups.map((b) => b.size)).toEqual(contents.map((c) => Buffer.byteLength(c)))
    expect(backups.every((b) => !Number.isNaN(Date.parse(b.savedAt)))).toBe(true)
  })

  it('restores a backup, moving the version it replaces into the Trash', async () => {
    const { root, service } = await library()
    const { name, document, revision } = await service.create('Restore me')
    const original = await readFile(join(root, name))
    const latest = edited(document)
    await service.save(name, latest, { baseRevision: revision })
    const replaced = await readFile(join(root, name))
    const [backup] = await service.backups(name)
    const restored = await service.restoreBackup(name, backup!.id)
    expect(restored).toEqual({ name, document, revision: sha256(original) })
    expect(await readFile(join(root, name))).toEqual(original)
    const trashed = await readdir(join(root, TRASH_DIR))
    expect(trashed).toHaveLength(1)
    expect(trashed[0]).toMatch(new RegExp(` ${name.replace(/\./g, '\\.')}$`))
    expect(await readFile(join(root, TRASH_DIR, trashed[0]!))).toEqual(replaced)
  })

  it('says NOT_FOUND for a backup that does not exist', async () => {
    const { service } = await library()
    const { name } = await service.create('No backups')
    expect(await service.backups(name)).toEqual([])
    await rejection(service.restoreBackup(name, '2020-01-01T00-00-00-000Z.json'), 'NOT_FOUND')
  })

  it('keeps the pre-migration copy of an old-version file for good', async () => {
    const { root, service } = await library(2)
    const v0 = {
      format: 'chronotes',
      schemaVersion: 0,
      id: 'old',
      title: 'Old',
      description: '',
      createdAt: '2020-01-01T00:00:00Z',
      updatedAt: '2020-01-01T00:00:00Z',
      lanes: [],
      events: []
    }
    const v0Text = JSON.stringify(v0, null, 2)
    await writeFile(join(root, 'old.chronotes.json'), v0Text)
    const opened = await service.open('old.chronotes.json')
    expect(opened.migratedFrom).toBe(0)
    let base = opened.revision
    for (let n = 1; n <= 4; n++)
      base = (await service.save(opened.name, { ...opened.document, title: `Old ${n}` }, { baseRevision: base }))
        .revision
    const backups = await service.backups(opened.name)
    expect(backups).toHaveLength(3)
    const kept = backups.find((b) => b.id.endsWith('.before-migration.json'))
    expect(await readFile(join(root, '.chronotes', 'backups', opened.name, kept!.id), 'utf8')).toBe(v0Text)
  })
})

describe('a version 1 file (dates with a separate precision)', () => {
  it('opens migrated to EDTF dates, and is saved as version 2 only after a backup of the v1 file', async () => {
    const { root, service } = await library()
    const v1 = {
      format: 'chronotes',
      schemaVersion: 1,
      id: 'v1',
      title: 'From version 1',
      description: '',
      createdAt: '2020-01-01T00:00:00Z',
      updatedAt: '2020-01-01T00:00:00Z',
      groups: [{ id: 'g', title: 'Lane', color: '#4e79a7', order: 0 }],
      items: [
        {
          id: 'e',
          groupId: 'g',
          kind: 'point',
          start: '2014-04-12T09:30Z',
          precision: 'minute',
          title: 'A minute',
          description: '',
          tags: [],
          confidence: 'reported',
          sources: [],
          notes: [],
          createdAt: '2020-01-01T00:00:00Z',
          updatedAt: '2020-01-01T00:00:00Z'
        }
      ]
    }
    const v1Text = JSON.stringify(v1, null, 2)
    await writeFile(join(root, 'v1.chronotes.json'), v1Text)
    const opened = await service.open('v1.chronotes.json')
    expect(opened.migratedFrom).toBe(1)
    expect(opened.document.items[0]!.start).toBe('2014-04-12T09:30:00Z')
    // Opening changes nothing on disk.
    expect(await readFile(join(root, 'v1.chronotes.json'), 'utf8')).toBe(v1Text)

    await service.save(opened.name, opened.document, { baseRevision: opened.revision })
    const saved = JSON.parse(await readFile(join(root, 'v1.chronotes.json'), 'utf8'))
    expect(saved.schemaVersion).toBe(2)
    expect(saved.items[0].start).toBe('2014-04-12T09:30:00Z')
    expect(saved.items[0]).not.toHaveProperty('precision')
    const backups = await service.backups(opened.name)
    const kept = backups.find((b) => b.id.endsWith('.before-migration.json'))
    expect(kept).toBeDefined()
    expect(await readFile(join(root, '.chronotes', 'backups', opened.name, kept!.id), 'utf8')).toBe(v1Text)
  })
})

describe('files that cannot be read', () => {
  it('refuses to open a corrupt file and never overwrites it without force', async () => {
    const { root, service } = await library()
    const corrupt = '{\n  "format": "chronotes",\n  "title": "half a fi'
    await writeFile(join(root, 'corrupt.chronotes.json'), corrupt)
    const error = await rejection(service.open('corrupt.chronotes.json'), 'UNREADABLE')
    expect(error.problems[0]).toMatchObject({ file: 'corrupt.chronotes.json', message: /not valid JSON/ })
    for (const baseRevision of [null, 'stale-revision', sha256('something else')])
      await rejection(service.save('corrupt.chronotes.json', makeDocument(), { baseRevision }), 'CONFLICT')
    expect(await readFile(join(root, 'corrupt.chronotes.json'), 'utf8')).toBe(corrupt)
  })

  it('refuses a document that breaks the schema as UNREADABLE, naming the event', async () => {
    const { root, service } = await library()
    const doc = JSON.parse(serializeDocument(makeDocument())) as TimelineDocument
    doc.items[0]!.start = '2014-02-30'
    await writeFile(join(root, 'bad.chronotes.json'), JSON.stringify(doc))
    const error = await rejection(service.open('bad.chronotes.json'), 'UNREADABLE')
    expect(error.problems).toMatchObject([{ where: 'event 1 ("Event 1")', field: 'start' }])
    expect(error.message).toMatch(/^bad\.chronotes\.json, event 1 \("Event 1"\), start: /)
  })

  it('refuses a newer-version file with NEWER_VERSION and never overwrites it', async () => {
    const { root, service } = await library()
    const newer = JSON.stringify({ ...makeDocument(), schemaVersion: 7 }, null, 2)
    await writeFile(join(root, 'future.chronotes.json'), newer)
    const error = await rejection(service.open('future.chronotes.json'), 'NEWER_VERSION')
    expect(error.message).toMatch(/Update Chronotes/)
    await rejection(service.save('future.chronotes.json', makeDocument(), { baseRevision: null }), 'CONFLICT')
    await rejection(service.save('future.chronotes.json', makeDocument(), { baseRevision: 'x' }), 'CONFLICT')
    await rejection(service.rename('future.chronotes.json', 'Renamed'), 'NEWER_VERSION')
    expect(await readFile(join(root, 'future.chronotes.json'), 'utf8')).toBe(newer)
  })
})

describe('document names', () => {
  const bad = [
    '../x.chronotes.json',
    'a/b.chronotes.json',
    'a\\b.chronotes.json',
    '.hidden.chronotes.json',
    'x.json',
    '.chronotes.json',
    'nul\u0000.chronotes.json'
  ]

  it.each(bad)('rejects %j with INVALID_ARGUMENT everywhere', async (name) => {
    const { root, service } = await library()
    const doc = makeDocument()
    await rejection(service.open(name), 'INVALID_ARGUMENT')
    await rejection(service.save(name, doc, { baseRevision: null, force: true }), 'INVALID_ARGUMENT')
    await rejection(service.rename(name, 'x'), 'INVALID_ARGUMENT')
    await rejection(service.duplicate(name), 'INVALID_ARGUMENT')
    await rejection(service.trash(name), 'INVALID_ARGUMENT')
    await rejection(service.backups(name), 'INVALID_ARGUMENT')
    await rejection(service.restoreBackup(name, 'x.json'), 'INVALID_ARGUMENT')
    expect(existsSync(join(root, '..', 'x.chronotes.json'))).toBe(false)
    expect(await readdir(root)).toEqual(['.chronotes'])
  })

  it('slugifies titles: any script kept, accents stripped, "timeline" when nothing is left', () => {
    expect(slugify('Розвідка 2022')).toBe('розвідка-2022')
    expect(slugify('Café Münster — Ärger')).toBe('cafe-munster-arger')
    expect(slugify('  Hello,   World!  ')).toBe('hello-world')
    expect(slugify('情报 合作')).toBe('情报-合作')
    expect(slugify('ﬁles')).toBe('files')
    expect(slugify('')).toBe('timeline')
    expect(slugify('!!! ???')).toBe('timeline')
    const long = slugify('word '.repeat(40))
    expect(long.length).toBeLessThanOrEqual(80)
    expect(long).toMatch(/^word(-word)*$/)
  })

  it('creates a file with a Cyrillic name that the library lists and opens', async () => {
    const { service } = await library()
    const { name } = await service.create('Розвідка 2022')
    expect(name).toBe('розвідка-2022.chronotes.json')
    expect(await service.list()).toMatchObject([{ name, status: 'ok', title: 'Розвідка 2022' }])
    expect((await service.open(name)).document.title).toBe('Розвідка 2022')
  })
})
