import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryService, STATE_DIR } from '../../src/main/services/library-service'
import { serializeDocument } from '../../src/shared/model/document'
import { makeDocument } from './helpers/documents'
import { steppingClock, useTempDirs } from './helpers/library'

const DATASET_NAME = 'us-ukraine-intelligence-2014-2025.chronotes.json'
const DATASET = resolve(__dirname, '../../resources/datasets', DATASET_NAME)
const BUNDLED = 'bundled.chronotes.json'

const tempDir = useTempDirs()

/** A library folder and a folder of bundled datasets, both empty and temporary. */
async function folders() {
  const base = await tempDir()
  const root = join(base, 'Library')
  const datasetsDir = join(base, 'datasets')
  await mkdir(datasetsDir)
  /** Starts the app once: a new service over the same folders, as a new launch would. */
  const launch = async () => {
    const service = new LibraryService({ root, datasetsDir, clock: steppingClock() })
    await service.start()
    return service
  }
  const bundle = (doc = makeDocument({ title: 'Bundled', items: 3 })) =>
    writeFile(join(datasetsDir, BUNDLED), serializeDocument(doc)).then(() => doc)
  return { root, datasetsDir, launch, bundle }
}

const documentFiles = async (root: string) => (await readdir(root)).filter((f) => f.endsWith('.chronotes.json')).sort()

describe('seeding bundled datasets', () => {
  it('copies the bundled dataset into a new library on first run', async () => {
    const { root, datasetsDir, launch } = await folders()
    await copyFile(DATASET, join(datasetsDir, DATASET_NAME))
    await writeFile(join(datasetsDir, 'README.md'), 'not a dataset')
    const service = await launch()
    expect(await readFile(join(root, DATASET_NAME))).toEqual(await readFile(DATASET))
    expect(await documentFiles(root)).toEqual([DATASET_NAME])
    expect(await service.list()).toMatchObject([{ name: DATASET_NAME, status: 'ok', itemCount: 88 }])
    expect(await readdir(root)).not.toContain('README.md')
  })

  it('does not copy it again on the next start', async () => {
    const { root, launch, bundle } = await folders()
    await bundle()
    await launch()
    const bytes = await readFile(join(root, BUNDLED))
    const service = await launch()
    await launch()
    expect(await documentFiles(root)).toEqual([BUNDLED])
    expect(await readFile(join(root, BUNDLED))).toEqual(bytes)
    expect(await service.list()).toHaveLength(1)
  })

  it('never overwrites a library copy the user edited, even when the bundled version changes', async () => {
    const { root, launch, bundle } = await folders()
    const doc = await bundle()
    const service = await launch()
    const opened = await service.open(BUNDLED)
    const mine = { ...opened.document, title: 'My edited copy' }
    await service.save(BUNDLED, mine, { baseRevision: opened.revision })
    const edited = await readFile(join(root, BUNDLED))
    await bundle({ ...doc, description: 'A corrected release of the dataset' })
    await launch()
    expect(await readFile(join(root, BUNDLED))).toEqual(edited)
  })

  it('updates an unedited library copy when the bundled version changes', async () => {
    const { root, launch, bundle } = await folders()
    const doc = await bundle()
    await launch()
    const release2 = await bundle({ ...doc, description: 'A corrected release of the dataset' })
    const service = await launch()
    expect(await readFile(join(root, BUNDLED), 'utf8')).toBe(serializeDocument(release2))
    expect((await service.open(BUNDLED)).document.description).toBe('A corrected release of the dataset')
    // And the release after that, too: the copy the app wrote is still untouched.
    await bundle({ ...doc, description: 'Release 3' })
    await launch()
    expect((await service.open(BUNDLED)).document.description).toBe('Release 3')
  })

  it('does not bring back a seeded copy the user trashed, even in a new release', async () => {
    const { root, launch, bundle } = await folders()
    const doc = await bundle()
    const service = await launch()
    await service.trash(BUNDLED)
    await launch()
    expect(await documentFiles(root)).toEqual([])
    await bundle({ ...doc, description: 'A corrected release' })
    await launch()
    expect(await documentFiles(root)).toEqual([])
    expect(await service.list()).toEqual([])
  })

  it('leaves alone a file of the same name that was already in the library, now and later', async () => {
    const { root, launch, bundle } = await folders()
    await mkdir(root, { recursive: true })
    const theirs = serializeDocument(makeDocument({ title: 'Already mine' }))
    await writeFile(join(root, BUNDLED), theirs)
    const doc = await bundle()
    await launch()
    expect(await readFile(join(root, BUNDLED), 'utf8')).toBe(theirs)
    await bundle({ ...doc, description: 'Release 2' })
    await launch()
    expect(await readFile(join(root, BUNDLED), 'utf8')).toBe(theirs)
  })

  it('overwrites nothing when its record of seeded datasets is damaged', async () => {
    const { root, launch, bundle } = await folders()
    const doc = await bundle()
    await launch()
    const seeded = await readFile(join(root, BUNDLED))
    await writeFile(join(root, STATE_DIR, 'seeded.json'), '{ damaged')
    await bundle({ ...doc, description: 'Release 2' })
    await launch()
    expect(await readFile(join(root, BUNDLED))).toEqual(seeded)
    expect(JSON.parse(await readFile(join(root, STATE_DIR, 'seeded.json'), 'utf8'))).toHaveProperty([BUNDLED])
  })

  it('starts with no datasets folder configured, creating the library folder', async () => {
    const root = join(await tempDir(), 'New library')
    const service = new LibraryService({ root })
    await service.start()
    expect(await readdir(root)).toEqual([STATE_DIR])
    expect(await service.list()).toEqual([])
  })
})
