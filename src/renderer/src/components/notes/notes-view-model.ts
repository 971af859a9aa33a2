import type { Group, Note, TimelineItem } from '@shared/model/schema'

export type NoteOrder = 'oldest' | 'newest'

export interface NoteEntry {
  note: Note
  item: TimelineItem
  group: Group | undefined
}

/** Every note of these events with its event and lane, by when it was written. */
export function collectNotes(items: readonly TimelineItem[], groups: readonly Group[], order: NoteOrder): NoteEntry[] {
  const lanes = new Map(groups.map((group) => [group.id, group]))
  const entries = items.flatMap((item) => item.notes.map((note) => ({ note, item, group: lanes.get(item.groupId) })))
  const sign = order === 'oldest' ? 1 : -1
  // Timestamps may carry different offsets (colleagues' files), so they are compared as instants.
  return entries
    .map((entry) => ({ entry, at: Date.parse(entry.note.createdAt) }))
    .sort((a, b) => sign * (a.at - b.at) || a.entry.note.id.localeCompare(b.entry.note.id))
    .map(({ entry }) => entry)
}

export function countWithNotes(items: readonly TimelineItem[]): number {
  return items.reduce((count, item) => count + (item.notes.length ? 1 : 0), 0)
}
