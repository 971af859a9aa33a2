/**
 * Applying a reviewed merge as ONE command (a batch), so that the whole import is one undo step.
 *
 * CHOICES, per event of theirs (apply ignores a choice for an identical pair: nothing to do):
 * - new:       'theirs' or 'both' adds it (its id kept, lane mapped); 'mine' skips it.
 * - duplicate: 'both' adds it as a new event; 'mine' merges it into my event, keeping my fields;
 *              'theirs' merges it into my event, taking their fields. Merged, the event keeps my id
 *              and gains their notes and the sources of theirs it lacks.
 * - changed, mine-changed,
 *   conflict:  'mine' keeps my fields; 'theirs' takes their fields (lane mapped), keeping my id and
 *              createdAt; 'both' keeps mine and adds theirs beside it under a new id. Mine kept over
 *              a later version of theirs (matched by id) is stamped with the merge time: the choice
 *              is an edit, and merging the same file again must not see theirs as the newer one.
 * DEFAULTS when no choice is given: new → theirs, changed → theirs, duplicate → both,
 * mine-changed → mine, conflict → mine (compare.ts shows why "changed" is safe to take).
 *
 * NOTES are never dropped. Whatever the choice, the event that keeps my id ends with the union of
 * both sides' notes by id (notes.ts): my notes as they are, their notes I lack, and their version
 * of a note both sides edited under a new id, marked "(their version)". With 'both', the added
 * copy carries their notes as they are too. Should the union exceed the schema's bound of notes
 * per event, the pair is kept as 'both' instead, each event with its own notes.
 *
 * PROVENANCE: an event added from theirs, and an event of mine compared with theirs that the merge
 * writes, record { importedFrom: file name, importedAt: now, originalId: their id, base: the hash
 * of their version } (base.ts): the version last taken, for the next merge of the same file to
 * tell who changed what. An identical event of mine matched by title and date, or whose record of
 * this file is out of date, gets the record too (the only change made to it); one matched by id
 * without such a record does not (its timestamps already tell the story). An event that takes their
 * fields takes their updatedAt (the content is theirs, last edited then); one that keeps my
 * fields keeps my updatedAt even when notes join it (notes carry their own times).
 *
 * LANES: the new lanes that a resulting event uses are added first, in the same batch.
 */
import { addGroup, addItem, type Command } from '../model/commands'
import { newId } from '../model/ids'
import type { Note, Provenance, Source, TimelineDocument, TimelineItem } from '../model/schema'
import { contentHash } from './base'
import { diffNotes, uniteNotes } from './notes'
import type { Comparison, MergeChoice, MergeChoices, MergeContext, MergePlan } from './types'

const MAX_NOTES = 10_000
const MAX_SOURCES = 1000
const MAX_FILE_NAME = 4000
const CHOICES: readonly string[] = ['mine', 'theirs', 'both'] satisfies MergeChoice[]

const DEFAULTS: Record<Comparison['kind'], MergeChoice> = {
  new: 'theirs',
  changed: 'theirs',
  duplicate: 'both',
  'mine-changed': 'mine',
  conflict: 'mine',
  identical: 'mine'
}

/** What a comparison gets when the user has not chosen (see above). */
export function defaultChoice(comparison: Comparison): MergeChoice {
  return DEFAULTS[comparison.kind]
}

/** The default choice for every comparison, in the plan's order. */
export function defaultMergeChoices(plan: MergePlan): MergeChoice[] {
  return plan.comparisons.map(defaultChoice)
}

/**
 * The same choice for every comparison of the given kinds (all that a choice matters for, unless
 * told), the default for the rest; in the plan's order. "Keep mine" for a new event skips it, so
 * `--prefer mine` on the command line means `mergeChoicesForAll(plan, 'mine', ['changed', 'conflict'])`.
 */
export function mergeChoicesForAll(
  plan: MergePlan,
  choice: MergeChoice,
  kinds: readonly Comparison['kind'][] = ['new', 'changed', 'mine-changed', 'conflict']
): MergeChoice[] {
  return plan.comparisons.map((comparison) => (kinds.includes(comparison.kind) ? choice : defaultChoice(comparison)))
}

function choiceAt(choices: MergeChoices, index: number, comparison: Comparison): MergeChoice {
  let given: unknown
  if (Array.isArray(choices)) given = choices[index]
  else {
    const byId = choices as Readonly<Record<string, MergeChoice>>
    if (Object.hasOwn(byId, comparison.theirs.id)) given = byId[comparison.theirs.id]
  }
  return typeof given === 'string' && CHOICES.includes(given) ? (given as MergeChoice) : defaultChoice(comparison)
}

/**
 * The command that merges their events into `mine` as the plan and choices say. `mine` must be
 * the document the plan was made from (an event it names is looked up by id, and must be there).
 */
export function applyMerge(
  mine: TimelineDocument,
  plan: MergePlan,
  choices: MergeChoices,
  context: MergeContext
): Command {
  const importedAt = context.now.toISOString()
  const importedFrom = context.fileName.slice(0, MAX_FILE_NAME)
  const lane = (theirs: TimelineItem): string => {
    if (!Object.hasOwn(plan.laneMap, theirs.groupId)) throw new Error(`the plan maps no lane for ${theirs.groupId}`)
    return plan.laneMap[theirs.groupId]!
  }
  const provenance = (theirs: TimelineItem): Provenance => ({
    importedFrom,
    importedAt,
    originalId: theirs.id,
    base: contentHash(theirs, lane(theirs))
  })
  /** Whether my event already records their version as the one last taken from this file. */
  const recorded = (own: TimelineItem, theirs: TimelineItem) =>
    own.provenance?.importedFrom === importedFrom && own.provenance.base === contentHash(theirs, lane(theirs))
  /** My event, recording their version as the one last taken from this file. */
  const stamped = (own: TimelineItem, theirs: TimelineItem): TimelineItem =>
    recorded(own, theirs) ? own : { ...own, provenance: provenance(theirs) }
  /** Their event as an event of the merged document: lane mapped, with where it came from. */
  const imported = (theirs: TimelineItem, id: string, notes: Note[] = theirs.notes): TimelineItem => ({
    ...theirs,
    id,
    groupId: lane(theirs),
    notes,
    provenance: provenance(theirs)
  })

  const replaced: TimelineItem[] = []
  const added: TimelineItem[] = []
  plan.comparisons.forEach((comparison, index) => {
    const choice = choiceAt(choices, index, comparison)
    if (comparison.kind === 'new') {
      if (choice !== 'mine') added.push(imported(comparison.theirs, comparison.theirs.id))
      return
    }
    if (comparison.kind === 'identical') {
      const { mine: own, theirs, matchedBy } = comparison
      const outdated = own.provenance?.importedFrom === importedFrom || matchedBy !== 'id'
      if (outdated && !recorded(own, theirs)) replaced.push(stamped(own, theirs))
      return
    }
    if (comparison.kind === 'duplicate') {
      const merged = choice === 'both' ? null : mergedDuplicate(comparison.mine, comparison.theirs, choice)
      if (merged) replaced.push(merged)
      else added.push(imported(comparison.theirs, comparison.theirs.id))
      return
    }
    const { mine: own, theirs, notes } = comparison
    const united = uniteNotes(own.notes, notes)
    if (united.length > MAX_NOTES) {
      // Too many notes for one event: both events, each with its own notes, so that none is lost.
      added.push(imported(theirs, newId()))
      return
    }
    const fieldsDiffer = comparison.fields.some((diff) => diff.field !== 'notes')
    if (choice === 'theirs' && fieldsDiffer) {
      // Their fields (their end, or none), my id and createdAt, every note of both.
      replaced.push({ ...imported(theirs, own.id, united), createdAt: own.createdAt, updatedAt: theirs.updatedAt })
      return
    }
    const theirsIsLater = Date.parse(theirs.updatedAt) > Date.parse(own.updatedAt)
    const kept = stamped({ ...own, notes: united }, theirs)
    if (fieldsDiffer && comparison.kind === 'conflict' && comparison.matchedBy === 'id' && theirsIsLater) {
      // Keeping mine over theirs is a decision made now: stamped now, so that merging the same file
      // again sees mine as the newer one, never as one they have changed since (which theirs would win).
      replaced.push({ ...kept, updatedAt: importedAt })
    } else if (kept.notes !== own.notes || kept.provenance !== own.provenance) replaced.push(kept)
    if (choice === 'both') added.push(imported(theirs, newId()))
  })

  /**
   * Their event merged into my likely duplicate of it: one event, both sides' notes and sources.
   * Null when the union would pass the schema's bounds: then both are kept, so that nothing is lost.
   */
  function mergedDuplicate(own: TimelineItem, theirs: TimelineItem, choice: MergeChoice): TimelineItem | null {
    const notes = uniteNotes(own.notes, diffNotes(own.notes, theirs.notes))
    const fields = choice === 'theirs' ? { ...theirs, groupId: lane(theirs) } : own
    const sources = uniteSources(fields.sources, choice === 'theirs' ? own.sources : theirs.sources)
    if (notes.length > MAX_NOTES || sources.length > MAX_SOURCES) return null
    return {
      ...fields,
      id: own.id,
      createdAt: own.createdAt,
      updatedAt: importedAt,
      notes,
      sources,
      provenance: provenance(theirs)
    }
  }

  // Commands are built against a shadow of the document that grows as they are added, so that
  // each builder sees what is "before" it; replacements are found through an index, not a scan.
  const shadow: TimelineDocument = { ...mine, groups: mine.groups.slice(), items: mine.items.slice() }
  const commands: Command[] = []
  const used = new Set([...replaced, ...added].map((item) => item.groupId))
  for (const group of plan.newLanes) {
    if (!used.has(group.id)) continue
    commands.push(addGroup(shadow, group))
    shadow.groups.push(group)
  }
  const indexOf = new Map(mine.items.map((item, index) => [item.id, index]))
  for (const item of replaced) {
    const index = indexOf.get(item.id)
    if (index === undefined) throw new Error(`no event ${item.id}: the plan was made from another document`)
    // What replaceItem builds, without its scan of every event.
    commands.push({ type: 'item', index, before: mine.items[index]!, after: item })
  }
  for (const item of added) {
    commands.push(addItem(shadow, item))
    shadow.items.push(item)
  }
  return { type: 'batch', commands }
}

/** The first list, then the sources of the second it lacks (the same address, or the same title and outlet). */
export function uniteSources(first: Source[], second: Source[]): Source[] {
  const key = (source: Source) => source.url ?? `${source.title ?? ''}\u0000${source.outlet ?? ''}`
  const known = new Set(first.map(key))
  const extra = second.filter((source) => !known.has(key(source)))
  return extra.length ? [...first, ...extra] : first
}
