/**
 * Opening for the window: the document's text (as bytes), validated once per exact bytes. What the library
 * wrote, or what an earlier open found to be exactly what it would write, opens with JSON.parse
 * alone (a 127 MB timeline skips a second of validation); anything else is validated first.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library-service'
import { documentText, serializeDocument } from '../../src/shared/model/document'
import { makeDocument } from './helpers/documents'
import { rejection, sha256, steppingClock, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

async function library(validatorId = 'build-1') {
  const root = await tempDir()
  const cacheDir = join(await tempDir(), 'caches')
  const start = async (id = validatorId) => {
    const service = new LibraryService({ root, cacheDir, validatorId: id, clock: steppingClock() })
    await service.start()
    await service.list()
    return service
  }
  return { root, cacheDir, start }
}

/** The text the window decodes from what openText sends. */
const textOf = (opened: { bytes: Uint8Array }) => new TextDecoder().decode(opened.bytes)

/** The per-user cache file, as the library keeps it. */
async function cache(
  cacheDir: string
): Promise<{ file: string; data: Record<string, { size?: number; mtimeMs?: number; valid?: string }> }> {
  const [name] = (await readdir(cacheDir)).filter((f) => f.startsWith('library-list-'))
  const file = join(cacheDir, name!)
  return { file, data: JSON.parse(await readFile(file, 'utf8')) }
}

describe('LibraryService.openText', () => {
  it('sends what it wrote as the very bytes on disk, and they parse to the document', async () => {
    const { root, start } = await library()
    const service = await start()
    const created = await service.create('Field notes')
    const saved = await service.save(created.name, makeDocument({ title: 'Field notes', items: 5 }), {
      baseRevision: created.revision
    })
    const opened = await service.openText(created.name)
    const bytes = await readFile(join(root, created.name))
    expect(textOf(opened)).toBe(bytes.toString('utf8'))
    expect(opened.revision).toBe(saved.revision)
    expect(opened.revision).toBe(sha256(bytes))
    expect(JSON.parse(textOf(opened))).toEqual((await service.open(created.name)).document)
  })

  it('validates a file another program wrote, and vouches for it next time only if it is canonical', async () => {
    const { root, cacheDir, start } = await library()
    const doc = makeDocument({ title: 'From a colleague' })
    await writeFile(join(root, 'canonical.chronotes.json'), serializeDocument(doc))
    // Valid, but with a key Chronotes does not know: the window gets the document without it.
    const extra = { ...JSON.parse(serializeDocument(doc)), extra: 'x'.repeat(10) }
    await writeFile(join(root, 'extra.chronotes.json'), JSON.stringify(extra))
    const service = await start()
    for (let round = 0; round < 2; round++) {
      expect(textOf(await service.openText('canonical.chronotes.json'))).toBe(documentText(doc))
      const opened = await service.openText('extra.chronotes.json')
      expect(textOf(opened)).toBe(documentText(doc))
      expect(textOf(opened)).not.toContain('"extra"')
    }
    const { data } = await cache(cacheDir)
    expect(data['canonical.chronotes.json']?.valid).toMatch(/^build-1:[0-9a-f]{64}$/)
    expect(data['extra.chronotes.json']?.valid).toBeUndefined()
  })

  it('validates again when the bytes change, and refuses a broken file even if it was valid before', async () => {
    const { root, start } = await library()
    const service = await start()
    const created = await service.create('Changing')
    await service.openText(created.name)
    const broken = JSON.parse(await readFile(join(root, created.name), 'utf8'))
    broken.items = [{ title: 'no id, no lane, no date' }]
    await writeFile(join(root, created.name), JSON.stringify(broken, null, 2) + '\n')
    const error = await rejection(service.openText(created.name), 'UNREADABLE')
    expect(error.message).toMatch(/event 1/i)
  })

  it('trusts only its own validator: the per-user cache names the build that checked the bytes', async () => {
    const { root, cacheDir, start } = await library()
    const first = await start()
    const created = await first.create('Vouched for')
    // Bytes that break the schema, which the cache is then made to vouch for.
    const invalid = JSON.parse(await readFile(join(root, created.name), 'utf8'))
    invalid.groups[0].color = 'not a colour'
    const text = JSON.stringify(invalid, null, 2) + '\n'
    await writeFile(join(root, created.name), text)
    const { file, data } = await cache(cacheDir)
    const { size, mtimeMs } = await stat(join(root, created.name))
    data[created.name] = { ...data[created.name], size, mtimeMs, valid: `build-1:${sha256(text)}` }
    await writeFile(file, JSON.stringify(data))
    // The same build reads its own record and skips validation: that is the shortcut measured.
    expect(textOf(await (await start()).openText(created.name))).toBe(text)
    // Another build (an update) validates again, and refuses.
    await rejection((await start('build-2')).openText(created.name), 'UNREADABLE')
  })

  it('saves changes onto bytes it has validated, and onto bytes it has not', async () => {
    const { root, start } = await library()
    const service = await start()
    const doc = makeDocument({ title: 'Changes', items: 3 })
    await writeFile(join(root, 'theirs.chronotes.json'), JSON.stringify(doc)) // valid, not canonical
    for (const name of ['theirs.chronotes.json', (await service.createFrom(doc)).name]) {
      const opened = await service.openText(name)
      const { items, ...header } = JSON.parse(textOf(opened)) as typeof doc
      const saved = await service.saveChanges(
        name,
        { header, items: [{ ...items[0]!, title: 'Renamed' }] },
        { baseRevision: opened.revision }
      )
      const reopened = JSON.parse(textOf(await service.openText(name)))
      expect(reopened.items[0].title).toBe('Renamed')
      expect((await service.openText(name)).revision).toBe(saved.revision)
    }
  })
})
