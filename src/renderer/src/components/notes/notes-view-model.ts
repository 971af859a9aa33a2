import type { Group, Note, TimelineItem } from '@shared/model/schema'

export type NoteOrder = 'oldest' | 'newest'

export interface NoteEntry {
  /** Its event's id and its own: unique in the document, and kept across edits. */
  key: string
  note: Note
  item: TimelineItem
  group: Group | undefined
}

/** Every note of these events with its event and lane, by when it was written. */
export function collectNotes(items: readonly TimelineItem[], groups: readonly Group[], order: NoteOrder): NoteEntry[] {
  const lanes = new Map(groups.map((group) => [group.id, group]))
  const written: { entry: NoteEntry; at: number }[] = []
  for (const item of items) {
    for (const note of item.notes) {
      const entry = { key: `${item.id}/${note.id}`, note, item, group: lanes.get(item.groupId) }
      // Timestamps may carry different offsets (colleagues' files), so they are compared as instants.
      written.push({ entry, at: Date.parse(note.createdAt) })
    }
  }
  const sign = order === 'oldest' ? 1 : -1
  // Notes written in the same instant (imported together) keep one order.
  return written
    .sort((a, b) => sign * (a.at - b.at) || a.entry.key.localeCompare(b.entry.key))
    .map(({ entry }) => entry)
}

export function countWithNotes(items: readonly TimelineItem[]): number {
  return items.reduce((count, item) => count + (item.notes.length ? 1 : 0), 0)
}
