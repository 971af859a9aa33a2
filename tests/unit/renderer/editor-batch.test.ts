/**
 * Batch edits at 20,000 events (issue 10: the editor store copied the whole list once per event
 * of a batch): a drag of thousands of events and deleting a lane that holds them are one step,
 * right in every event, and undo gives back the document exactly.
 */
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, describe, expect, it } from 'vitest'
import { serializeDocument } from '../../../src/shared/model/document'
import { makeDocument } from '../helpers/documents'
import { loadOfflineStores } from './offline-stores'

let useDocumentStore: typeof import('../../../src/renderer/src/stores/document').useDocumentStore
let useEditorStore: typeof import('../../../src/renderer/src/stores/editor').useEditorStore
beforeAll(async () => {
  ;({ useDocumentStore, useEditorStore } = await loadOfflineStores())
})

function open() {
  setActivePinia(createPinia())
  const documents = useDocumentStore()
  const document = makeDocument({ items: 20_000 })
  documents.load({ name: 'batch.chronotes.json', document, revision: 'r0' })
  return { documents, editor: useEditorStore(), original: serializeDocument(document) }
}

describe('batch edits', () => {
  it('moves 5,000 events to another lane and date in one step; undo restores every one', () => {
    const { documents, editor, original } = open()
    const doc = documents.document!
    const target = doc.groups[1]!.id
    const moves = doc.items.slice(0, 5000).map((item) => ({ id: item.id, groupId: target, start: '2001-02-03' }))
    editor.moveItems(moves)
    const moved = documents.document!
    expect(editor.undoLabel).toBe('Move 5,000 events')
    expect(moved.items.slice(0, 5000).every((i) => i.groupId === target && i.start === '2001-02-03')).toBe(true)
    expect(moved.items.slice(5000)).toEqual(doc.items.slice(5000))
    editor.undo()
    expect(serializeDocument({ ...documents.document!, updatedAt: doc.updatedAt })).toBe(original)
  })

  it('deletes a lane moving its 10,000 events to another, as one step that undoes exactly', () => {
    const { documents, editor, original } = open()
    const doc = documents.document!
    const [gone, kept] = [doc.groups[0]!.id, doc.groups[1]!.id]
    editor.removeGroup(gone, kept)
    const after = documents.document!
    expect(after.groups.map((g) => g.id)).not.toContain(gone)
    expect(after.items.filter((i) => i.groupId === kept)).toHaveLength(20_000)
    editor.undo()
    expect(serializeDocument({ ...documents.document!, updatedAt: doc.updatedAt })).toBe(original)
    editor.removeGroup(gone, null)
    expect(documents.document!.items).toHaveLength(10_000)
    editor.undo()
    expect(serializeDocument({ ...documents.document!, updatedAt: doc.updatedAt })).toBe(original)
  })
})
