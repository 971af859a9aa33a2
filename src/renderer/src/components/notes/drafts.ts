import { reactive } from 'vue'

/**
 * Text typed into a note editor and not yet sent, kept outside the components: the details panel
 * is rebuilt for each event, and switching to another event and back must not lose a half-written
 * note or an unsaved edit. Keys name the document, the event and (for an edit) the note.
 */
const drafts = reactive(new Map<string, string>())

export const newNoteKey = (docId: string, itemId: string) => `${docId}/${itemId}/new`
export const editNoteKey = (docId: string, itemId: string, noteId: string) => `${docId}/${itemId}/edit/${noteId}`

export function getDraft(key: string): string | undefined {
  return drafts.get(key)
}

export function hasDraft(key: string): boolean {
  return drafts.has(key)
}

export function setDraft(key: string, text: string): void {
  drafts.set(key, text)
}

export function clearDraft(key: string): void {
  drafts.delete(key)
}
