import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library-service'
import { deadPid, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

async function library(options: { backupsToKeep?: number; clock?: () => Date } = {}) {
  const root = await tempDir()
  const service = new LibraryService({ root, ...options })
  await service.start()
  return { root, service }
}

const backupDir = (root: string, name: string) => join(root, '.chronotes', 'backups', name)

describe('versions the user never saw are never rotated away', () => {
  it('keeps an unreadable file overwritten by a forced save for good, past any number of saves', async () => {
    const { root, service } = await library({ backupsToKeep: 2 })
    const { name, document } = await service.create('Forced')
    await writeFile(join(root, name), '{ "half": "written')
    let revision = (await service.save(name, document, { baseRevision: null, force: true })).revision
    for (let n = 0; n < 5; n++)
      revision = (await service.save(name, { ...document, title: `T${n}` }, { baseRevision: revision })).revision
    const kept = (await readdir(backupDir(root, name))).filter((f) => f.includes('.overwritten'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(backupDir(root, name), kept[0]!), 'utf8')).toBe('{ "half": "written')
    // …while the ordinary backups still rotate.
    expect((await service.backups(name)).filter((b) => !b.id.includes('.overwritten'))).toHaveLength(2)
  })

  it('keeps both backups when two saves fall in the same millisecond', async () => {
    const frozen = new Date('2025-06-01T12:00:00.000Z')
    const { root, service } = await library({ clock: () => frozen })
    const { name, document, revision } = await service.create('Same instant')
    const first = await service.save(name, { ...document, title: 'One' }, { baseRevision: revision })
    await service.save(name, { ...document, title: 'Two' }, { baseRevision: first.revision })
    const files = (await readdir(backupDir(root, name))).sort()
    expect(files).toEqual(['2025-06-01T12-00-00-000Z-2.json', '2025-06-01T12-00-00-000Z.json'])
  })

  it('keeps both trashed copies when the same name is trashed twice in one millisecond', async () => {
    const frozen = new Date('2025-06-01T12:00:00.000Z')
    const { root, service } = await library({ clock: () => frozen })
    const first = await service.create('Twice')
    await service.trash(first.name)
    const second = await service.create('Twice')
    expect(second.name).toBe(first.name)
    await service.trash(second.name)
    expect((await readdir(join(root, 'Trash'))).sort()).toEqual([
      '2025-06-01T12-00-00-000Z twice.chronotes.json',
      '2025-06-01T12-00-00-000Z-2 twice.chronotes.json'
    ])
  })
})

describe('left-overs of interrupted saves', () => {
  it('removes temporary files of killed saves on start, whatever their age', async () => {
    const root = await tempDir()
    // One from the old writer (write-file-atomic), one from a process that no longer runs.
    const legacy = join(root, 'notes.chronotes.json.123456')
    const dead = join(root, `notes.chronotes.json.${await deadPid()}-1.tmp`)
    await writeFile(legacy, '{ "torn')
    await writeFile(dead, '{ "torn too')
    await new LibraryService({ root }).start()
    expect(await readdir(root)).toEqual(['.chronotes'])
  })
})
