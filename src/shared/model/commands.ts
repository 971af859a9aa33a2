import type { Group, TimelineDocument, TimelineItem } from './schema'

/**
 * Every change to a document is a command: data that says what was there before and what is
 * there after, so that undo is the same command turned round. Commands are applied by id, never
 * by mutation; a document is replaced by a new one that shares every untouched item.
 */
export type Command =
  /** Adds (before null), removes (after null) or replaces an event. `index` is where it sits. */
  | { type: 'item'; index: number; before: TimelineItem | null; after: TimelineItem | null }
  /** The same for a lane. */
  | { type: 'group'; index: number; before: Group | null; after: Group | null }
  /** The document's own title and description. */
  | { type: 'meta'; before: DocumentMeta; after: DocumentMeta }
  /** Several commands as one step (a multi-select drag, deleting a lane with its events). */
  | { type: 'batch'; commands: Command[] }

export type DocumentMeta = Pick<TimelineDocument, 'title' | 'description'>

export function applyCommand(doc: TimelineDocument, command: Command): TimelineDocument {
  // One copy of each list per command, however many events a batch touches: a 100,000-event
  // import copied the list once per event before, which took a minute.
  const next = { ...doc, items: doc.items.slice(), groups: doc.groups.slice() }
  applyInPlace(next, command)
  return next
}

function applyInPlace(doc: TimelineDocument, command: Command): void {
  switch (command.type) {
    case 'item':
      return replaceAt(doc.items, command.index, command.before, command.after)
    case 'group':
      return replaceAt(doc.groups, command.index, command.before, command.after)
    case 'meta':
      Object.assign(doc, command.after)
      return
    case 'batch':
      for (const part of command.commands) applyInPlace(doc, part)
  }
}

export function invertCommand(command: Command): Command {
  switch (command.type) {
    case 'item':
      return { ...command, before: command.after, after: command.before }
    case 'group':
      return { ...command, before: command.after, after: command.before }
    case 'meta':
      return { ...command, before: command.after, after: command.before }
    case 'batch':
      return { type: 'batch', commands: command.commands.map(invertCommand).reverse() }
  }
}

/** Whether a command changes nothing (an edit that put back what was there). */
export function isNoop(command: Command): boolean {
  if (command.type === 'batch') return command.commands.every(isNoop)
  return command.before === command.after
}

/** Adds, replaces or removes one entry of a list, in place. */
function replaceAt<T extends { id: string }>(list: T[], index: number, before: T | null, after: T | null): void {
  if (before === null) {
    if (after) list.splice(Math.min(index, list.length), 0, after)
    return
  }
  // The index is where the entry was when the command was made; the id is what makes it certain.
  const at = list[index]?.id === before.id ? index : list.findIndex((entry) => entry.id === before.id)
  if (at < 0) throw new Error(`cannot apply: ${before.id} is not in the document`)
  if (after) list[at] = after
  else list.splice(at, 1)
}

// Builders for the common commands, reading the current document for what was "before".

export function addItem(doc: TimelineDocument, item: TimelineItem): Command {
  return { type: 'item', index: doc.items.length, before: null, after: item }
}

export function replaceItem(doc: TimelineDocument, after: TimelineItem): Command {
  const index = doc.items.findIndex((item) => item.id === after.id)
  if (index < 0) throw new Error(`no event ${after.id}`)
  return { type: 'item', index, before: doc.items[index]!, after }
}

export function removeItems(doc: TimelineDocument, ids: Iterable<string>): Command {
  const remove = new Set(ids)
  // From the end, so that each index is still right when the one before it is applied.
  const commands: Command[] = []
  for (let index = doc.items.length - 1; index >= 0; index--) {
    const item = doc.items[index]!
    if (remove.has(item.id)) commands.push({ type: 'item', index, before: item, after: null })
  }
  return { type: 'batch', commands }
}

export function addGroup(doc: TimelineDocument, group: Group): Command {
  return { type: 'group', index: doc.groups.length, before: null, after: group }
}

export function replaceGroup(doc: TimelineDocument, after: Group): Command {
  const index = doc.groups.findIndex((group) => group.id === after.id)
  if (index < 0) throw new Error(`no lane ${after.id}`)
  return { type: 'group', index, before: doc.groups[index]!, after }
}

export function removeGroup(doc: TimelineDocument, id: string): Command {
  const index = doc.groups.findIndex((group) => group.id === id)
  if (index < 0) throw new Error(`no lane ${id}`)
  return { type: 'group', index, before: doc.groups[index]!, after: null }
}
