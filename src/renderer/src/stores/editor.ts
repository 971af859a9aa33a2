import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import * as commands from '@shared/model/commands'
import { applyCommand, invertCommand, isNoop, type Command } from '@shared/model/commands'
import { DEFAULT_GROUP_COLOR } from '@shared/model/factory'
import { newId } from '@shared/model/ids'
import type { Group, Note, TimelineDocument, TimelineItem } from '@shared/model/schema'
import { useDocumentStore } from './document'
import { useDocumentIndexStore } from './document-index'
import { useSettingsStore } from './settings'
import { countOf } from '@shared/count'

interface Entry {
  label: string
  command: Command
  updatedAtBefore: string
  updatedAtAfter: string
  /** Edits with the same key in quick succession (typing in one field) are one step. */
  coalesceKey?: string
  at: number
}

interface History {
  undo: Entry[]
  redo: Entry[]
  /** The document's updatedAt as this history left it; a document loaded with another is new to it. */
  updatedAt: string
}

const MAX_STEPS = 500
const COALESCE_MS = 2000

export type ItemPatch = Partial<Omit<TimelineItem, 'id' | 'createdAt' | 'updatedAt'>>
export interface ItemMove {
  id: string
  start: string
  end?: string
  groupId: string
}

/**
 * Every change to the open document: each is a command, applied to a new copy of the document,
 * and kept in a history per document (by document id) so that undo and redo survive autosave.
 */
export const useEditorStore = defineStore('editor', () => {
  const documents = useDocumentStore()
  const indexes = useDocumentIndexStore()
  const settings = useSettingsStore()
  const histories = new Map<string, History>()
  // Histories are plain data outside reactivity; this counter tells views when they changed.
  const changes = ref(0)

  function history(): History | null {
    const doc = documents.document
    if (!doc) return null
    let found = histories.get(doc.id)
    if (!found || found.updatedAt !== doc.updatedAt) {
      found = { undo: [], redo: [], updatedAt: doc.updatedAt }
      histories.set(doc.id, found)
    }
    return found
  }
  // A document loaded from disk that is not the one this history left is a fresh start.
  watch(
    () => documents.document?.id,
    () => {
      history()
      changes.value++
    }
  )

  function execute(label: string, command: Command, options: { coalesceKey?: string } = {}): void {
    const doc = documents.document
    const past = history()
    if (!doc || !past || isNoop(command)) return
    const updatedAt = new Date().toISOString()
    const top = past.undo.at(-1)
    if (options.coalesceKey && top?.coalesceKey === options.coalesceKey && Date.now() - top.at < COALESCE_MS) {
      top.command = { type: 'batch', commands: [top.command, command] }
      top.updatedAtAfter = updatedAt
      top.at = Date.now()
    } else {
      past.undo.push({
        label,
        command,
        updatedAtBefore: doc.updatedAt,
        updatedAtAfter: updatedAt,
        at: Date.now(),
        ...options
      })
      if (past.undo.length > MAX_STEPS) past.undo.shift()
    }
    past.redo = []
    show(past, { ...applyCommand(doc, command), updatedAt })
  }

  function undo(): void {
    const doc = documents.document
    const past = history()
    const entry = past?.undo.pop()
    if (!doc || !past || !entry) return
    past.redo.push(entry)
    show(past, { ...applyCommand(doc, invertCommand(entry.command)), updatedAt: entry.updatedAtBefore })
  }

  function redo(): void {
    const doc = documents.document
    const past = history()
    const entry = past?.redo.pop()
    if (!doc || !past || !entry) return
    past.undo.push({ ...entry, at: 0 }) // a redone step never absorbs the next edit
    show(past, { ...applyCommand(doc, entry.command), updatedAt: entry.updatedAtAfter })
  }

  function show(past: History, next: TimelineDocument): void {
    past.updatedAt = next.updatedAt
    documents.commit(next)
    changes.value++
  }

  const undoLabel = computed(() => (changes.value, documents.document && history()?.undo.at(-1)?.label) || null)
  const redoLabel = computed(() => (changes.value, documents.document && history()?.redo.at(-1)?.label) || null)

  // ——— Events ———

  /**
   * Where events are in the list: a few are found by identity through the index (a pointer scan,
   * no allocation); many at once by one id → position map of the whole list.
   */
  function itemPositions(doc: TimelineDocument, ids: string[]): Map<string, number> {
    if (ids.length > 16) return new Map(doc.items.map((item, index) => [item.id, index]))
    const positions = new Map<string, number>()
    for (const id of ids) {
      const index = doc.items.indexOf(indexes.itemById(id)!)
      if (index >= 0) positions.set(id, index)
    }
    return positions
  }

  function itemById(id: string): TimelineItem | undefined {
    return indexes.itemById(id)
  }

  /** Adds an event and returns its id. */
  function addItem(fields: Pick<TimelineItem, 'groupId' | 'start'> & Partial<TimelineItem>): string {
    const doc = documents.document
    if (!doc) throw new Error('no document is open')
    const now = new Date().toISOString()
    const item: TimelineItem = {
      kind: 'point',
      title: 'New event',
      description: '',
      tags: [],
      confidence: 'unverified',
      sources: [],
      notes: [],
      ...fields,
      id: newId(),
      createdAt: now,
      updatedAt: now
    }
    execute(item.kind === 'range' ? 'Add range' : 'Add event', commands.addItem(doc, item))
    return item.id
  }

  function updateItem(id: string, patch: ItemPatch, label = 'Edit event', coalesceKey?: string): void {
    const doc = documents.document
    const item = itemById(id)
    if (!doc || !item) return
    const { end, ...rest } = patch
    const next: TimelineItem = { ...item, ...rest, updatedAt: new Date().toISOString() }
    // `end: undefined` in a patch means "no end": the key goes, so the file has none.
    if ('end' in patch) {
      if (end === undefined) delete next.end
      else next.end = end
    }
    execute(label, commands.replaceItem(doc, next), coalesceKey ? { coalesceKey: `${id}:${coalesceKey}` } : {})
  }

  /** Moves events to new dates and lanes in one step (a drag of one or many). */
  function moveItems(moves: ItemMove[]): void {
    const doc = documents.document
    if (!doc || !moves.length) return
    const now = new Date().toISOString()
    // One pass: replacing events moves none of the others, so every command is made against
    // the document as it is, with one id → position map (not a copy of the list per event).
    const positions = itemPositions(
      doc,
      moves.map((move) => move.id)
    )
    const batch: Command[] = []
    for (const move of moves) {
      const index = positions.get(move.id)
      const item = index === undefined ? undefined : doc.items[index]
      // A drag that lands where it started changes nothing and is no step to undo.
      if (!item || (item.start === move.start && item.end === move.end && item.groupId === move.groupId)) continue
      const next: TimelineItem = { ...item, start: move.start, groupId: move.groupId, updatedAt: now }
      if (move.end !== undefined) next.end = move.end
      batch.push({ type: 'item', index: index!, before: item, after: next })
    }
    if (!batch.length) return
    execute(batch.length === 1 ? 'Move event' : `Move ${countOf(batch.length, 'event')}`, {
      type: 'batch',
      commands: batch
    })
  }

  function removeItems(ids: string[]): void {
    const doc = documents.document
    if (!doc || !ids.length) return
    execute(
      ids.length === 1 ? 'Delete event' : `Delete ${countOf(ids.length, 'event')}`,
      commands.removeItems(doc, ids)
    )
  }

  // ——— Notes ———

  function setNotes(itemId: string, notes: Note[], label: string): void {
    updateItem(itemId, { notes }, label)
  }

  /** Adds a note by the current author and returns its id. */
  function addNote(itemId: string, body: string): string | null {
    const item = itemById(itemId)
    if (!item) return null
    const now = new Date().toISOString()
    const note: Note = { id: newId(), author: settings.authorName, body, createdAt: now, updatedAt: now }
    setNotes(itemId, [...item.notes, note], 'Add note')
    return note.id
  }

  function updateNote(itemId: string, noteId: string, body: string): void {
    const item = itemById(itemId)
    if (!item) return
    const now = new Date().toISOString()
    const notes = item.notes.map((n) => (n.id === noteId && n.body !== body ? { ...n, body, updatedAt: now } : n))
    setNotes(itemId, notes, 'Edit note')
  }

  function removeNote(itemId: string, noteId: string): void {
    const item = itemById(itemId)
    if (item)
      setNotes(
        itemId,
        item.notes.filter((n) => n.id !== noteId),
        'Delete note'
      )
  }

  // ——— Lanes ———

  function addGroup(title: string, color = DEFAULT_GROUP_COLOR): string {
    const doc = documents.document
    if (!doc) throw new Error('no document is open')
    const order = Math.max(-1, ...doc.groups.map((g) => g.order)) + 1
    const group: Group = { id: newId(), title, color, order }
    execute('Add lane', commands.addGroup(doc, group))
    return group.id
  }

  function updateGroup(id: string, patch: Partial<Omit<Group, 'id'>>, label = 'Edit lane'): void {
    const doc = documents.document
    const group = doc?.groups.find((g) => g.id === id)
    if (doc && group) execute(label, commands.replaceGroup(doc, { ...group, ...patch }))
  }

  /** Gives the lanes the order of `ids` (the lanes' order fields, in one step). */
  function reorderGroups(ids: string[]): void {
    const doc = documents.document
    if (!doc) return
    let current = doc
    const batch: Command[] = []
    ids.forEach((id, order) => {
      const group = current.groups.find((g) => g.id === id)
      if (!group || group.order === order) return
      const command = commands.replaceGroup(current, { ...group, order })
      batch.push(command)
      current = applyCommand(current, command)
    })
    execute('Reorder lanes', { type: 'batch', commands: batch })
  }

  /**
   * Deletes a lane. Its events move to `moveTo`, or are deleted with it when moveTo is null; the
   * caller must have asked the user which. One step either way.
   */
  function removeGroup(id: string, moveTo: string | null): void {
    const doc = documents.document
    if (!doc) return
    const now = new Date().toISOString()
    // One pass: the events are replaced (or removed from the end) against the document as it is.
    const batch: Command[] = []
    if (moveTo === null)
      batch.push(
        commands.removeItems(
          doc,
          doc.items.filter((item) => item.groupId === id).map((item) => item.id)
        )
      )
    else
      doc.items.forEach((item, index) => {
        if (item.groupId === id)
          batch.push({ type: 'item', index, before: item, after: { ...item, groupId: moveTo, updatedAt: now } })
      })
    batch.push(commands.removeGroup(doc, id))
    execute('Delete lane', { type: 'batch', commands: batch })
  }

  // ——— The document itself ———

  function updateMeta(patch: Partial<commands.DocumentMeta>): void {
    const doc = documents.document
    if (!doc) return
    const before = { title: doc.title, description: doc.description }
    execute('Edit timeline details', { type: 'meta', before, after: { ...before, ...patch } })
  }

  return {
    changes,
    undoLabel,
    redoLabel,
    execute,
    undo,
    redo,
    addItem,
    updateItem,
    moveItems,
    removeItems,
    addNote,
    updateNote,
    removeNote,
    addGroup,
    updateGroup,
    reorderGroups,
    removeGroup,
    updateMeta
  }
})
