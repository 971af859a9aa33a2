/**
 * Issue 10: a large timeline's outline, kept by the library in the per-user folder so that the
 * window can draw the timeline while it opens. It follows every save of the file, is only handed
 * out for the file as it is now, never lives in the library folder, and goes with its timeline.
 */
import { readdir, symlink, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library-service'
import { documentChanges } from '../../src/shared/document-changes'
import { serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { OUTLINE_FROM, outlineText, readOutline } from '../../src/shared/view/outline'
import { makeDocument } from './helpers/documents'
import { steppingClock, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

async function library(options: { perUser?: boolean } = {}) {
  const root = await tempDir()
  const cacheDir = join(await tempDir(), 'caches')
  const service = new LibraryService({
    root,
    ...(options.perUser === false ? {} : { cacheDir }),
    validatorId: 'build-1',
    clock: steppingClock()
  })
  await service.start()
  return { root, cacheDir, service }
}

const large = (title = 'Large') => makeDocument({ title, items: OUTLINE_FROM, notesPerItem: 1 })
const textOf = (outline: { bytes: Uint8Array } | null) => outline && new TextDecoder().decode(outline.bytes)

async function saveAs(service: LibraryService, document: TimelineDocument) {
  const created = await service.create(document.title)
  await service.save(created.name, document, { baseRevision: created.revision })
  return created.name
}

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
}

describe('the outline of a large timeline', () => {
  it('is written with each save, in the per-user folder, and is the outline of what was saved', async () => {
    const { root, cacheDir, service } = await library()
    const doc = large()
    const name = await saveAs(service, doc)
    expect(textOf(await service.outline(name))).toBe(outlineText(doc))
    expect(await filesUnder(cacheDir)).toContainEqual(expect.stringMatching(new RegExp(`${name}\\.outline$`)))
    expect((await filesUnder(root)).some((file) => file.includes('outline'))).toBe(false)

    const retitled = { ...doc, items: doc.items.map((item, at) => (at ? item : { ...item, title: 'Retitled' })) }
    const { revision } = await service.openText(name)
    await service.saveChanges(name, documentChanges(doc, retitled), { baseRevision: revision })
    const { events } = readOutline(textOf(await service.outline(name))!)!
    expect(events.title[events.id.indexOf(doc.items[0]!.id)]).toBe('Retitled')
  })

  it('is not kept for a timeline below the size that needs one, nor once a timeline shrinks below it', async () => {
    const { service } = await library()
    const small = await saveAs(service, makeDocument({ title: 'Small', items: OUTLINE_FROM - 1 }))
    expect(await service.outline(small)).toBeNull()
    const doc = large()
    const name = await saveAs(service, doc)
    expect(await service.outline(name)).not.toBeNull()
    const { revision } = await service.openText(name)
    await service.save(name, { ...doc, items: doc.items.slice(1) }, { baseRevision: revision })
    expect(await service.outline(name)).toBeNull()
  })

  it('is not handed out once another program has changed the file', async () => {
    const { root, service } = await library()
    const doc = large()
    const name = await saveAs(service, doc)
    await writeFile(join(root, name), serializeDocument({ ...doc, title: 'Changed by a sync client' }))
    expect(await service.outline(name)).toBeNull()
    // Opening the changed file validates it, and gives it its own outline.
    await service.openText(name)
    expect(readOutline(textOf(await service.outline(name))!)!.title).toBe('Changed by a sync client')
  })

  it('is made when a large file another program wrote is opened the first time', async () => {
    const { root, service } = await library()
    await writeFile(join(root, 'colleague.chronotes.json'), serializeDocument(large('From a colleague')))
    expect(await service.outline('colleague.chronotes.json')).toBeNull()
    await service.openText('colleague.chronotes.json')
    expect(readOutline(textOf(await service.outline('colleague.chronotes.json'))!)!.title).toBe('From a colleague')
  })

  it('goes with its timeline to the Trash, and follows a rename', async () => {
    const { cacheDir, service } = await library()
    const name = await saveAs(service, large('Before'))
    const renamed = await service.rename(name, 'After')
    expect(readOutline(textOf(await service.outline(renamed.name))!)!.title).toBe('After')
    expect((await filesUnder(cacheDir)).filter((file) => file.endsWith('.outline'))).toEqual([
      expect.stringMatching(new RegExp(`/${renamed.name}\\.outline$`))
    ])
    await service.trash(renamed.name)
    expect((await filesUnder(cacheDir)).filter((file) => file.endsWith('.outline'))).toEqual([])
  })

  it('is not read through a link, nor from a damaged file, and is kept nowhere without a per-user folder', async () => {
    const { cacheDir, service } = await library()
    const name = await saveAs(service, large())
    expect(await service.outline(name)).not.toBeNull()
    const [file] = (await filesUnder(cacheDir)).filter((f) => f.endsWith('.outline'))
    const path = join(cacheDir, file!)
    await writeFile(path, 'not a stamp\n{}')
    expect(await service.outline(name)).toBeNull()
    const elsewhere = join(await tempDir(), 'elsewhere.outline')
    await writeFile(elsewhere, `${JSON.stringify({ size: 0, mtimeMs: 0 })}\n{}`)
    await unlink(path)
    await symlink(elsewhere, path)
    expect(await service.outline(name)).toBeNull()

    const cli = await library({ perUser: false })
    const cliName = await saveAs(cli.service, large())
    expect(await cli.service.outline(cliName)).toBeNull()
  })
})
