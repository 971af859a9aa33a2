/**
 * The editor store's commands and their inverses: any sequence of edits, then as many undos,
 * gives back the original document byte for byte once serialised; as many redos give back the
 * edited one. Runs the real Pinia stores in Node with a transport that answers like main.
 */
import fc from 'fast-check'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { serializeDocument } from '../../../src/shared/model/document'
import { makeDocument, makeNote } from '../helpers/documents'
import { loadOfflineStores } from './offline-stores'

type Stores = {
  documents: ReturnType<typeof import('../../../src/renderer/src/stores/document').useDocumentStore>
  editor: ReturnType<typeof import('../../../src/renderer/src/stores/editor').useEditorStore>
}
let useDocumentStore: typeof import('../../../src/renderer/src/stores/document').useDocumentStore
let useEditorStore: typeof import('../../../src/renderer/src/stores/editor').useEditorStore

beforeAll(async () => {
  ;({ useDocumentStore, useEditorStore } = await loadOfflineStores())
})

function fresh(): Stores {
  setActivePinia(createPinia())
  const documents = useDocumentStore()
  const document = makeDocument({ items: 6 })
  document.items[0]!.notes = [makeNote('First note'), makeNote('Second note')]
  documents.load({ name: 'history.chronotes.json', document, revision: 'r0' })
  return { documents, editor: useEditorStore() }
}

/** One random edit, picked by numbers so that fast-check can shrink a failing sequence. */
const edit = fc.tuple(fc.integer({ min: 0, max: 11 }), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }))

function apply({ documents, editor }: Stores, [kind, a, b, text]: [number, number, number, string]): void {
  const doc = documents.document!
  const item = doc.items.length ? doc.items[a % doc.items.length]! : undefined
  const group = doc.groups[a % doc.groups.length]!
  const otherGroup = doc.groups[b % doc.groups.length]!
  const title = text.trim() || 'Untitled'
  switch (kind) {
    case 0:
      editor.addItem({ groupId: group.id, start: `20${10 + (b % 15)}-0${1 + (b % 9)}` })
      break
    case 1:
      if (item) editor.updateItem(item.id, { title }, 'Edit title', b % 2 ? 'title' : undefined)
      break
    case 2:
      if (item) editor.updateItem(item.id, { confidence: (['confirmed', 'reported', 'disputed'] as const)[b % 3] })
      break
    case 3:
      if (item) editor.moveItems([{ id: item.id, groupId: otherGroup.id, start: item.start, end: item.end }])
      break
    case 4:
      if (item) editor.removeItems([item.id, doc.items[b % doc.items.length]!.id])
      break
    case 5:
      if (item) editor.addNote(item.id, text || 'note')
      break
    case 6:
      if (item?.notes.length) editor.updateNote(item.id, item.notes[b % item.notes.length]!.id, `${text} edited`)
      break
    case 7:
      if (item?.notes.length) editor.removeNote(item.id, item.notes[b % item.notes.length]!.id)
      break
    case 8:
      editor.addGroup(title, '#123456')
      break
    case 9:
      editor.reorderGroups([...doc.groups].reverse().map((g) => g.id))
      break
    case 10:
      if (doc.groups.length > 1 && group.id !== otherGroup.id)
        editor.removeGroup(group.id, b % 2 ? otherGroup.id : null)
      break
    case 11:
      editor.updateMeta({ title, description: text })
      break
  }
}

describe('undo and redo', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('any edits, then as many undos, give back the original bytes; as many redos, the edited ones', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        const stores = fresh()
        const original = serializeDocument(stores.documents.document!)
        for (const step of edits) apply(stores, step)
        const edited = serializeDocument(stores.documents.document!)
        for (let i = 0; i < edits.length; i++) stores.editor.undo()
        expect(serializeDocument(stores.documents.document!)).toBe(original)
        for (let i = 0; i < edits.length; i++) stores.editor.redo()
        expect(serializeDocument(stores.documents.document!)).toBe(edited)
      }),
      { numRuns: 150 }
    )
  })

  it('a new edit after an undo drops the redo steps', () => {
    const { documents, editor } = fresh()
    const id = documents.document!.items[0]!.id
    editor.updateItem(id, { title: 'One' })
    editor.undo()
    editor.updateItem(id, { title: 'Two' })
    expect(editor.redoLabel).toBeNull()
    editor.redo()
    expect(documents.document!.items[0]!.title).toBe('Two')
  })

  it('typing in one field is one step; another field is another', () => {
    const { documents, editor } = fresh()
    const id = documents.document!.items[0]!.id
    const before = documents.document!.items[0]!.title
    for (const title of ['J', 'Je', 'Jed', 'Jeddah']) editor.updateItem(id, { title }, 'Edit title', 'title')
    editor.updateItem(id, { confidence: 'disputed' }, 'Edit confidence')
    editor.undo()
    expect(documents.document!.items[0]).toMatchObject({ title: 'Jeddah', confidence: 'reported' })
    editor.undo()
    expect(documents.document!.items[0]!.title).toBe(before)
  })

  it('deleting an event and undoing brings it back with its notes, in its place', () => {
    const { documents, editor } = fresh()
    const original = serializeDocument(documents.document!)
    const withNotes = documents.document!.items[0]!
    editor.removeItems([withNotes.id])
    expect(documents.document!.items.find((i) => i.id === withNotes.id)).toBeUndefined()
    expect(editor.undoLabel).toBe('Delete event')
    editor.undo()
    expect(documents.document!.items[0]!.notes.map((n) => n.body)).toEqual(['First note', 'Second note'])
    expect(serializeDocument(documents.document!)).toBe(original)
  })

  it('a drag of several events is one step', () => {
    const { documents, editor } = fresh()
    const [a, b] = documents.document!.items
    const lane = documents.document!.groups[1]!.id
    editor.moveItems([
      { id: a!.id, groupId: lane, start: '2020-01-01', end: a!.end },
      { id: b!.id, groupId: lane, start: '2020-02-01', end: b!.end }
    ])
    expect(editor.undoLabel).toBe('Move 2 events')
    editor.undo()
    expect(documents.document!.items.slice(0, 2).map((i) => i.start)).toEqual([a!.start, b!.start])
    expect(editor.undoLabel).toBeNull()
  })

  it('marks the document unsaved on every step, undo included', () => {
    const { documents, editor } = fresh()
    expect(documents.dirty).toBe(false)
    editor.updateItem(documents.document!.items[0]!.id, { title: 'Changed' })
    expect(documents.dirty).toBe(true)
  })
})
