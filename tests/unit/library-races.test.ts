/**
 * Issue 9, item 2: "two writers lose work". Two real processes (each with its own LibraryService,
 * as the app and the CLI would be) save the same document at the same revision, or create
 * documents of the same title, at the same moment, 100 times each: one save wins and the other
 * gets CONFLICT, and every create gets its own file; no update is ever lost. A lock left by a
 * killed process is taken over once stale, not waited on for ever.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCK_STALE_MS } from '../../src/main/services/document-lock'
import { LibraryService } from '../../src/main/services/library-service'
import { readDocument, serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { buildChild } from './helpers/build-child'
import { makeDocument, makeItem } from './helpers/documents'
import { LibraryChild } from './helpers/library-child-process'
import { sha256 } from './helpers/library'

const RACES = 100

let work: string
let script: string
let root: string
const children: LibraryChild[] = []

function startChild(): LibraryChild {
  const child = new LibraryChild(script, root)
  children.push(child)
  return child
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'chronotes-races-'))
  script = await buildChild('library-child.ts', join(work, 'child'))
  root = join(work, 'Library')
  await new LibraryService({ root }).start()
}, 60_000)

afterAll(async () => {
  for (const child of children) child.kill()
  await rm(work, { recursive: true, force: true })
})

function withEvent(doc: TimelineDocument, title: string): TimelineDocument {
  return { ...doc, items: [...doc.items, makeItem(doc.groups[0]!.id, doc.items.length, { title })] }
}

describe('two processes writing the same library', () => {
  it(`save the same document at the same revision ${RACES} times: one wins, the other gets CONFLICT`, async () => {
    const [a, b] = [startChild(), startChild()]
    await Promise.all([a.ready, b.ready])
    const name = 'shared.chronotes.json'
    const base = makeDocument({ items: 20 })
    let lost = 0
    let conflicts = 0
    for (let race = 0; race < RACES; race++) {
      const baseText = serializeDocument({ ...base, title: `Race ${race}` })
      await writeFile(join(root, name), baseText)
      const baseRevision = sha256(baseText)
      const mine = withEvent(readDocumentOk(baseText), `from A, race ${race}`)
      const theirs = withEvent(readDocumentOk(baseText), `from B, race ${race}`)
      const [ra, rb] = await Promise.all([
        a.send({ op: 'save', name, document: mine, baseRevision }),
        b.send({ op: 'save', name, document: theirs, baseRevision })
      ])
      const onDisk = await readFile(join(root, name), 'utf8')
      const winners = [ra.ok && onDisk === serializeDocument(mine), rb.ok && onDisk === serializeDocument(theirs)]
      // A lost update: both said saved, or one said saved and the disk does not hold it.
      if ((ra.ok && rb.ok) || (ra.ok && !winners[0]) || (rb.ok && !winners[1])) lost++
      for (const reply of [ra, rb]) if (!reply.ok) expect(reply.code, reply.message).toBe('CONFLICT')
      conflicts += [ra, rb].filter((r) => !r.ok).length
      expect(winners.filter(Boolean)).toHaveLength(1)
    }
    console.info(`${RACES} races of two saves from two processes: ${lost} lost updates, ${conflicts} CONFLICTs`)
    expect(lost).toBe(0)
    expect(conflicts).toBe(RACES)
  }, 300_000)

  it(`create documents of the same title ${RACES} times at once: each gets its own file`, async () => {
    const [a, b] = [startChild(), startChild()]
    await Promise.all([a.ready, b.ready])
    const names = new Set<string>()
    for (let race = 0; race < RACES; race++) {
      const title = `Same title ${race % 10}`
      const replies = await Promise.all([a.send({ op: 'create', title }), b.send({ op: 'create', title })])
      for (const reply of replies) {
        expect(reply.ok, reply.ok ? '' : reply.message).toBe(true)
        const name = (reply as { value: string }).value
        expect(names.has(name), `${name} was given twice`).toBe(false)
        names.add(name)
        const read = readDocument(await readFile(join(root, name), 'utf8'))
        expect(read.ok && read.document.title).toBe(title)
      }
    }
    console.info(`${RACES} races of two creates from two processes: ${names.size} distinct files, 0 lost`)
    expect(names.size).toBe(2 * RACES)
  }, 300_000)

  it('takes over the lock of a killed writer once it is stale, instead of waiting for ever', async () => {
    const service = new LibraryService({ root })
    const created = await service.create('Abandoned')
    const holder = startChild()
    await holder.ready
    expect(await holder.send({ op: 'lock', name: created.name })).toEqual({ ok: true, value: 'locked' })
    holder.process.kill('SIGKILL')
    await new Promise((resolve) => holder.process.once('exit', resolve))
    const started = Date.now()
    const saved = await service.save(created.name, withEvent(created.document, 'after the kill'), {
      baseRevision: created.revision
    })
    console.info(
      `a killed writer's lock was taken over after ${Date.now() - started} ms (stale after ${LOCK_STALE_MS} ms)`
    )
    expect(saved.revision).toBe(sha256(await readFile(join(root, created.name))))
  }, 60_000)
})

function readDocumentOk(text: string): TimelineDocument {
  const read = readDocument(text)
  if (!read.ok) throw new Error('invalid test document')
  return read.document
}
