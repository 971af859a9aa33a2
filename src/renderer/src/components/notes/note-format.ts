import type { Note } from '@shared/model/schema'
import { renderMarkdown } from '../../composables/markdown'
import { MONTHS } from '@shared/model/dates'
import { perObject } from '@shared/per-object'

/**
 * "6 March 2025, 10:05": when a note was written or edited, in the reader's own time zone and in
 * the app's way of writing dates (day month year, whatever the system locale).
 */
export function formatStamp(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${formatTime(iso)}`
}

/** "10:05", in the reader's time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}

/** Whether two instants fall on the same day in the reader's time zone. */
export function sameDay(a: string, b: string): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString()
}

/** Whether a note was changed after it was written (a save that changed nothing keeps updatedAt). */
export function wasEdited(note: Note): boolean {
  return Date.parse(note.updatedAt) !== Date.parse(note.createdAt)
}

/** A note's body as sanitised HTML, rendered once per note object. */
export const noteHtml = perObject((note: Note) => renderMarkdown(note.body))

/** What a note keeps of what was typed: no blank lines before it, no whitespace after it. */
export function cleanBody(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd()
}

/** How this platform writes the shortcut that sends a note. */
export const submitShortcut = /Mac/.test(globalThis.navigator?.platform ?? '') ? '⌘Enter' : 'Ctrl+Enter'
