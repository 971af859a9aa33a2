/**
 * Notes are never dropped by a merge. Two versions of an event's notes are matched by note id:
 * a note on one side only is kept; a note with the same id and the same text is one note; a note
 * with the same id and other text on each side keeps both versions — mine as it is, theirs under
 * a new id with its body starting "(their version)". A body too long to take that mark keeps its
 * text whole and the mark goes on its author instead (a note body is bounded by the schema).
 */
import { newId } from '../model/ids'
import type { Note } from '../model/schema'
import type { NotesDiff } from './types'

export const THEIR_VERSION_MARK = '(their version)'

// The schema's bounds on a note's body and author (src/shared/model/schema.ts).
const MAX_BODY = 200_000
const MAX_AUTHOR = 500

/** Same text: author and body. A note's times say when, not what, so they are left aside. */
export function sameNote(a: Note, b: Note): boolean {
  return a.body === b.body && a.author === b.author
}

/** Their version of a note both sides edited, as it is kept beside mine: a new id and a mark. */
export function theirVersion(note: Note, id: string = newId()): Note {
  const body = `${THEIR_VERSION_MARK}\n\n${note.body}`
  if (body.length <= MAX_BODY) return { ...note, id, body }
  const mark = ` ${THEIR_VERSION_MARK}`
  return { ...note, id, author: note.author.slice(0, MAX_AUTHOR - mark.length) + mark }
}

const text = (note: Note) => `${note.author}\u0000${note.body}`

/**
 * How their notes differ from mine. A note of theirs whose marked version my event already holds
 * (the same file merged a second time) is not a difference: that version is kept already. Nor is
 * a note of theirs with another id but the same author and text as one of mine: a spreadsheet's
 * notes get new ids at every reading, and the same words twice would be clutter, not a loss.
 */
export function diffNotes(mine: Note[], theirs: Note[]): NotesDiff {
  const mineById = new Map(mine.map((note) => [note.id, note]))
  const theirIds = new Set(theirs.map((note) => note.id))
  const diff: NotesDiff = { theirsOnly: [], mineOnly: mine.filter((note) => !theirIds.has(note.id)), edited: [] }
  // Built only when a note differs, which is rare: most events' notes are the same on both sides.
  let kept: Set<string> | undefined
  for (const note of theirs) {
    const own = mineById.get(note.id)
    if (!own) {
      kept ??= new Set(mine.map(text))
      if (!kept.has(text(note))) diff.theirsOnly.push(note)
    } else if (!sameNote(own, note)) {
      kept ??= new Set(mine.map(text))
      if (!kept.has(text(theirVersion(note, note.id)))) diff.edited.push({ mine: own, theirs: note })
    }
  }
  return diff
}

/** Whether their notes bring anything my event lacks. */
export function notesIncoming(diff: NotesDiff): boolean {
  return diff.theirsOnly.length > 0 || diff.edited.length > 0
}

/** My notes as they are, then theirs that I lack, then their versions of notes both edited. */
export function uniteNotes(mine: Note[], diff: NotesDiff): Note[] {
  if (!notesIncoming(diff)) return mine
  return [...mine, ...diff.theirsOnly, ...diff.edited.map((pair) => theirVersion(pair.theirs))]
}
