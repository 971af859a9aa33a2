/**
 * Autosave sends what changed, not the whole document (issue 10: copying 127 MB to main held the
 * renderer for seconds). The changes rebuild exactly the edited document, in the service too.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library-service'
import { applyChanges, applyChangesChecked, documentChanges } from '../../src/shared/document-changes'
import { documentText, serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument, makeItem } from './helpers/documents'
import { rejection, steppingClock, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

type Edit = { kind: 'retitle' | 'remove' | 'add' | 'insert' | 'swap'; at: number }

/** Edits as the editor makes them: replaced events, removed, appended, moved; untouched ones shared. */
function edit(doc: TimelineDocument, edits: Edit[]): TimelineDocument {
  const items = [...doc.items]
  edits.forEach(({ kind, at }, n) => {
    const i = items.length ? at % items.length : 0
    if (kind === 'retitle' && items.length) items[i] = { ...items[i]!, title: `Edited ${n}` }
    if (kind === 'remove' && items.length) items.splice(i, 1)
    if (kind === 'add') items.push(makeItem(doc.groups[0]!.id, 1000 + n, { title: `Added ${n}` }))
    if (kind === 'insert') items.splice(i, 0, makeItem(doc.groups[0]!.id, 2000 + n, { title: `Inserted ${n}` }))
    if (kind === 'swap' && items.length > 1) [items[0], items[i]] = [items[i]!, items[0]!]
  })
  return { ...doc, title: `${doc.title}.`, items }
}

const edits = fc.array(
  fc.record({
    kind: fc.constantFrom('retitle', 'remove', 'add', 'insert', 'swap'),
    at: fc.nat(50)
  }) as fc.Arbitrary<Edit>,
  { maxLength: 8 }
)

describe('documentChanges', () => {
  it('rebuilds the edited document from the one on disk, and carries only the events that changed', () => {
    fc.assert(
      fc.property(fc.nat(12), edits, (count, made) => {
        const base = makeDocument({ items: count })
        const next = edit(base, made)
        const changes = documentChanges(base, next)
        expect(applyChanges(base, changes)).toEqual(next)
        const unchanged = new Set(base.items)
        expect(changes.items.filter((item) => unchanged.has(item))).toEqual([])
        // Only moving events that stayed sends the whole order; adding and removing send their own ids.
        if (!made.some((e) => e.kind === 'swap')) expect(changes.order).toBeUndefined()
      })
    )
  })

  it('sends a new event in a large timeline as that event and its place, not every id', () => {
    const base = makeDocument({ items: 20_000 })
    const added = makeItem(base.groups[0]!.id, 99, { title: 'New' })
    const next = { ...base, items: [...base.items.slice(0, 7), added, ...base.items.slice(7, -1)] }
    const changes = documentChanges(base, next)
    expect(changes).toEqual({
      header: expect.any(Object),
      items: [added],
      removed: [base.items.at(-1)!.id],
      added: [{ id: added.id, at: 7 }]
    })
    expect(applyChanges(base, changes)).toEqual(next)
  })

  it('refuses changes whose new events do not fit the document on disk', () => {
    const base = makeDocument({ items: 3 })
    const added = makeItem(base.groups[0]!.id, 99)
    const header = documentChanges(base, base).header
    for (const bad of [
      { header, items: [added], added: [{ id: added.id, at: 9 }] },
      { header, items: [added] },
      { header, items: [], added: [{ id: added.id, at: 0 }] },
      { header, items: [], removed: ['no-such-event'] }
    ])
      expect(() => applyChanges(base, bad)).toThrow(/event/)
  })

  it('sends no order when events were only replaced in place', () => {
    const base = makeDocument({ items: 5 })
    const next = { ...base, items: base.items.map((item, i) => (i === 2 ? { ...item, title: 'New' } : item)) }
    expect(documentChanges(base, next)).toEqual({ header: expect.any(Object), items: [next.items[2]] })
  })
})

describe('applyChangesChecked', () => {
  /** The document as the library reads it from disk: parsed from its file text. */
  const onDisk = (doc: TimelineDocument) => JSON.parse(serializeDocument(doc)) as TimelineDocument

  it('makes, byte for byte, the text a whole validation makes, for any edits', () => {
    fc.assert(
      fc.property(fc.nat(12), edits, (size, steps) => {
        const base = onDisk(makeDocument({ items: size }))
        const next = edit(base, steps)
        const checked = applyChangesChecked(base, documentChanges(base, next))
        expect(documentText(checked)).toBe(serializeDocument(applyChanges(base, documentChanges(base, next))))
      })
    )
  })

  it('drops keys the schema does not know from what changed, as a whole validation does', () => {
    const base = onDisk(makeDocument({ items: 3 }))
    const next = {
      ...base,
      extra: 'header',
      items: base.items.map((item, at) => (at ? item : { ...item, title: 'Changed', smuggled: '<script>' }))
    }
    const text = documentText(applyChangesChecked(base, documentChanges(base, next)))
    expect(text).toBe(serializeDocument(next))
    expect(text).not.toMatch(/smuggled|extra/)
  })

  it('refuses what a whole validation refuses: a bad header, a bad event, a repeated id, a lane that does not exist', () => {
    const base = onDisk(makeDocument({ items: 4 }))
    const [first, second] = base.items as [TimelineDocument['items'][number], TimelineDocument['items'][number]]
    const refused = {
      'an empty title': { ...base, title: '' },
      'a lane without a colour': { ...base, groups: [{ ...base.groups[0]!, color: 'red' }, ...base.groups.slice(1)] },
      'a lane named twice': { ...base, groups: [...base.groups, base.groups[0]!] },
      'an event ending before it starts': {
        ...base,
        items: [{ ...first, kind: 'range' as const, start: '2020', end: '2019' }, ...base.items.slice(1)]
      },
      'an id given twice': { ...base, items: [...base.items, { ...second, title: 'Twin' }] },
      'a lane that is not there': { ...base, items: [{ ...first, groupId: 'no-such-lane' }, ...base.items.slice(1)] },
      'a lane removed under its events': { ...base, groups: base.groups.slice(1) }
    }
    for (const [what, next] of Object.entries(refused)) {
      expect(() => serializeDocument(next), what).toThrow()
      expect(() => applyChangesChecked(base, documentChanges(base, next)), what).toThrow(/the saved changes/)
    }
  })
})

describe('LibraryService.saveChanges', () => {
  async function opened() {
    const root = await tempDir()
    const service = new LibraryService({ root, clock: steppingClock() })
    await service.start()
    const created = await service.createFrom(makeDocument({ items: 6 }))
    return { root, service, ...created }
  }

  it('writes the document the changes make, byte for byte as a whole save would, with a backup', async () => {
    const { root, service, name, document, revision } = await opened()
    const next = edit(document, [
      { kind: 'retitle', at: 1 },
      { kind: 'remove', at: 3 },
      { kind: 'add', at: 0 }
    ])
    const saved = await service.saveChanges(name, documentChanges(document, next), { baseRevision: revision })
    expect(await readFile(join(root, name), 'utf8')).toBe(serializeDocument(next))
    expect((await service.open(name)).revision).toBe(saved.revision)
    expect(await service.backups(name)).toHaveLength(1)
  })

  it('refuses with CONFLICT onto a file changed since, and leaves it alone', async () => {
    const { root, service, name, document, revision } = await opened()
    const theirs = serializeDocument({ ...document, title: 'Changed by a colleague' })
    await writeFile(join(root, name), theirs)
    const next = edit(document, [{ kind: 'retitle', at: 0 }])
    await rejection(service.saveChanges(name, documentChanges(document, next), { baseRevision: revision }), 'CONFLICT')
    expect(await readFile(join(root, name), 'utf8')).toBe(theirs)
  })

  it('refuses changes that name an event the file does not have, and an invalid result, writing nothing', async () => {
    const { root, service, name, document, revision } = await opened()
    const before = await readFile(join(root, name), 'utf8')
    const unknown = { header: document, items: [], order: ['no-such-event'] }
    await rejection(service.saveChanges(name, unknown, { baseRevision: revision }), 'INVALID_ARGUMENT')
    const lost = { ...document, items: document.items.map((item) => ({ ...item, groupId: 'no-such-lane' })) }
    await expect(
      service.saveChanges(name, documentChanges(document, lost), { baseRevision: revision })
    ).rejects.toThrow(/no-such-lane/)
    expect(await readFile(join(root, name), 'utf8')).toBe(before)
  })
})
