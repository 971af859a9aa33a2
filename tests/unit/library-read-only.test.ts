/**
 * Issue 9, item 5: "raw errors" ("ENOENT … mkdir .chronotes/backups" for a read-only library).
 * A library the user cannot write (mode 0555, tried by a process of another user, since root
 * ignores modes) and a library on a read-only mount can still be listed and opened; a save or a
 * create says in plain words what failed, that the old version is intact, and what to do, and
 * changes nothing. So does a library folder that has disappeared.
 */
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library-service'
import { buildChild } from './helpers/build-child'
import { makeItem } from './helpers/documents'
import { LibraryChild } from './helpers/library-child-process'
import { rejection, sha256 } from './helpers/library'

const NOBODY = 65534
let work: string
let script: string
const mounts: string[] = []
const children: LibraryChild[] = []

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'chronotes-read-only-'))
  await chmod(work, 0o755) // another user must reach the built child and the library
  script = await buildChild('library-child.ts', join(work, 'child'))
}, 60_000)

afterAll(async () => {
  for (const child of children) child.kill()
  for (const mount of mounts.reverse()) execFileSync('umount', [mount])
  await rm(work, { recursive: true, force: true })
})

/** A library with one document, made by root (this test) before it is made read-only. */
async function libraryWithDocument(folder: string) {
  const root = join(work, folder)
  const service = new LibraryService({ root })
  await service.start()
  const created = await service.create('Field notes')
  await service.list() // and its list cache
  return { root, created }
}

function expectPlain(message: string, reason: RegExp): void {
  expect(message).toMatch(reason)
  expect(message).toMatch(/Nothing was changed/)
  expect(message).not.toMatch(/\bE[A-Z]{3,}\b|mkdir|open '/)
}

describe('a library that cannot be written', () => {
  it('with mode 0555, for a user who is not its owner: readable, and saves say why not', async () => {
    const { root, created } = await libraryWithDocument('mode-0555')
    for (const dir of [root, join(root, '.chronotes'), join(root, '.chronotes', 'locks')]) await chmod(dir, 0o555)
    const child = new LibraryChild(script, root, NOBODY)
    children.push(child)
    await child.ready
    expect(await child.send({ op: 'list' })).toEqual({ ok: true, value: [created.name] })
    expect(await child.send({ op: 'open', name: created.name })).toEqual({ ok: true, value: created.revision })
    const edited = { ...created.document, items: [makeItem(created.document.groups[0]!.id, 0)] }
    const save = await child.send({ op: 'save', name: created.name, document: edited, baseRevision: created.revision })
    expect(save.ok).toBe(false)
    if (!save.ok) {
      expect(save.code).toBe('IO')
      expectPlain(
        save.message,
        /^Saving "field-notes.chronotes.json" failed: Chronotes has no permission to write there\. .*previous version is intact\. Check the folder's permissions/
      )
    }
    const create = await child.send({ op: 'create', title: 'Another' })
    expect(!create.ok && create.message).toMatch(/^Creating "Another" failed: Chronotes has no permission/)
    expect(sha256(await readFile(join(root, created.name)))).toBe(created.revision)
    expect(await readdir(root)).toEqual(['.chronotes', created.name])
  }, 60_000)

  it('on a read-only mount: readable, and saves say the disk is read-only', async (context) => {
    const { root, created } = await libraryWithDocument('source')
    const mount = join(work, 'read-only')
    await mkdir(mount)
    try {
      execFileSync('mount', ['--bind', root, mount], { stdio: 'pipe' })
      mounts.push(mount)
      execFileSync('mount', ['-o', 'remount,bind,ro', mount], { stdio: 'pipe' })
    } catch (error) {
      console.info(
        `library-read-only: cannot make a read-only bind mount here (${(error as Error).message.split('\n')[0]})`
      )
      return context.skip()
    }
    const service = new LibraryService({ root: mount })
    await service.start()
    expect((await service.list()).map((e) => e.name)).toEqual([created.name])
    const opened = await service.open(created.name)
    const edited = { ...opened.document, items: [makeItem(opened.document.groups[0]!.id, 0)] }
    const error = await rejection(service.save(created.name, edited, { baseRevision: opened.revision }), 'IO')
    expectPlain(
      error.message,
      /failed: the folder is on a read-only disk or share\. .*previous version is intact\. Choose a folder you can write to/
    )
    const trash = await rejection(service.trash(created.name), 'IO')
    expectPlain(trash.message, /read-only disk/)
    expect(sha256(await readFile(join(root, created.name)))).toBe(created.revision)
  })

  it('whose folder has disappeared: says the folder is missing', async () => {
    const { root, created } = await libraryWithDocument('vanishing')
    const service = new LibraryService({ root })
    await service.start()
    await rm(root, { recursive: true })
    const error = await rejection(service.list(), 'IO')
    expect(error.message).toMatch(
      /^Listing the library failed: it or its folder is missing .* Reconnect the disk or choose another folder/
    )
    await rejection(service.save(created.name, created.document, { baseRevision: created.revision }), 'IO')
  })
})
