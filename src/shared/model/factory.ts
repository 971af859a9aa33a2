import { newId } from './ids'
import { SCHEMA_VERSION, type Group, type TimelineDocument } from './schema'

export const DEFAULT_GROUP_COLOR = '#4e79a7'

/** A new, empty timeline with one lane, so that the first event has somewhere to go. */
export function emptyDocument(title: string, now: Date): TimelineDocument {
  const stamp = now.toISOString()
  const lane: Group = { id: newId(), title: 'Events', color: DEFAULT_GROUP_COLOR, order: 0 }
  return {
    format: 'chronotes',
    schemaVersion: SCHEMA_VERSION,
    id: newId(),
    title,
    description: '',
    createdAt: stamp,
    updatedAt: stamp,
    groups: [lane],
    items: []
  }
}
