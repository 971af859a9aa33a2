/**
 * Comparing a colleague's document with mine. Nothing changes here: the plan is what the review
 * shows, and what applyMerge (apply.ts) applies. Both documents are valid (read by a reader).
 *
 * LANES: theirs onto mine as the user chose, else as suggested (lanes.ts: id, name, similar name).
 *
 * MATCHING, one to one. Each of their events is matched to my event with the same id; then to my
 * event whose provenance says it was taken from this very event of this file; each one left is
 * then matched to the first of my events left with the same normalised title (case, accents,
 * punctuation and spacing aside), the same start (its precision is in it). What is left of theirs
 * is new, or a LIKELY DUPLICATE of one of mine left (duplicates.ts): overlapping dates, similar title.
 *
 * FIELDS compared: title, start, end, displayDate, kind, lane (theirs mapped through laneMap),
 * description, tags (as a set: their order means nothing), confidence, sources (in order).
 * createdAt, updatedAt and provenance are not content. NOTES are matched by id (notes.ts); they
 * never make a conflict, because a merge always unites them.
 *
 * CLASSES of a matched pair:
 * - identical: no field differs and their notes bring nothing my event lacks (a note only I have
 *   is no difference: a merge never removes it);
 * - changed: only their notes are new to me; or fields differ and only their side changed;
 * - mine-changed: fields differ and only my side changed (mine is kept);
 * - conflict: fields differ and both sides changed, or which side did cannot be told.
 *
 * WHICH SIDE CHANGED: THREE-WAY, when the version last taken is known. A merge records in my
 * event's provenance the file and a hash of their version it compared (base.ts). Merging that file
 * again, my event unchanged since (its hash is the base) and theirs changed is "changed"; theirs
 * unchanged and mine changed is "mine-changed"; both changed is a conflict. Their own provenance
 * may say the same the other way: their version was taken from mine as it is now (their base is
 * my hash), so only they changed it since.
 *
 * WITHOUT A BASE, only timestamps tell the story. Two copies of a document were one file until
 * they parted; since then each side's edits are stamped later than that moment (given clocks that
 * are roughly right). `lastAgreed` is the latest timestamp both copies carry for the same thing —
 * the createdAt of an event or note present on both sides with the same createdAt; the updatedAt
 * of an event whose fields and updatedAt are the same on both sides; the updatedAt of a note whose
 * id, text and updatedAt are the same on both sides — so it is at or before the parting. A pair
 * matched by id whose fields differ is CHANGED when
 *     mine.updatedAt <= lastAgreed  and  theirs.updatedAt > mine.updatedAt
 * and MINE-CHANGED when theirs.updatedAt <= lastAgreed < mine.updatedAt. Everything else is a
 * CONFLICT, and conflicts default to keeping mine. A pair matched by title and date, without a
 * base, is never "changed": the two events were made separately, so my fields are not an old
 * version of theirs. So a default choice replaces my fields only where I made no edit since the
 * version I last took: an edit of mine is never lost without the user choosing "take theirs".
 * (Clocks far off, or a colleague who took only part of an earlier merge of mine, can mislead the
 * timestamps; the review still shows every changed event's fields side by side.)
 */
import { normalizeText } from '../view/filter'
import type { Note, Source, TimelineDocument, TimelineItem } from '../model/schema'
import { contentHash } from './base'
import { findLikelyDuplicates } from './duplicates'
import { mapLanes } from './lanes'
import { diffNotes, notesIncoming, sameNote } from './notes'
import type { Comparison, CompareOptions, FieldDiff, MatchedBy, MergePlan, NotesDiff } from './types'

export function compareDocuments(
  mine: TimelineDocument,
  theirs: TimelineDocument,
  options: CompareOptions = {}
): MergePlan {
  const { laneMap, newLanes, lanes } = mapLanes(mine.groups, theirs, options.lanes)
  const pairs = matchEvents(mine.items, theirs.items, options.source, laneMap).map((pair): Pair | MatchedPair =>
    pair.mine
      ? {
          ...pair,
          fields: diffFields(pair.mine, pair.theirs, laneMap),
          notes: diffNotes(pair.mine.notes, pair.theirs.notes)
        }
      : pair
  )
  const lastAgreed = findLastAgreed(pairs)
  const agreedAt = lastAgreed === null ? null : Date.parse(lastAgreed)
  const sides = (own: TimelineItem, their: TimelineItem, matchedBy: MatchedBy) =>
    changedSides(own, their, laneMap, options.source) ?? changedSidesByTime(own, their, matchedBy, agreedAt)
  const comparisons = pairs.map((pair): Comparison => {
    if (!isMatched(pair)) return { kind: 'new', theirs: pair.theirs }
    const { mine: own, theirs: their, matchedBy, fields, notes } = pair
    const incoming = notesIncoming(notes)
    if (!fields.length && !incoming) return { kind: 'identical', mine: own, theirs: their, matchedBy }
    const listed =
      incoming || notes.mineOnly.length
        ? [...fields, { field: 'notes' as const, mine: own.notes, theirs: their.notes }]
        : fields
    const pairPart = { mine: own, theirs: their, matchedBy, fields: listed, notes }
    if (!fields.length) return { kind: 'changed', ...pairPart }
    const changed = sides(own, their, matchedBy)
    if (changed === 'theirs') return { kind: 'changed', ...pairPart }
    if (changed === 'mine') return { kind: 'mine-changed', ...pairPart }
    return { kind: 'conflict', ...pairPart, reason: changed === 'both' ? 'both-edited' : 'history-unknown' }
  })
  markDuplicates(comparisons, pairs, mine.items, laneMap)
  return { comparisons, laneMap, newLanes, lanes, lastAgreed }
}

type Sides = 'theirs' | 'mine' | 'both' | 'unknown'

/** Which side changed the event since the version I last took from this file, or null if none is known. */
function changedSides(
  mine: TimelineItem,
  theirs: TimelineItem,
  laneMap: Record<string, string>,
  source: string | undefined
): Sides | null {
  const mineHash = contentHash(mine)
  const theirsHash = contentHash(theirs, laneOf(theirs, laneMap))
  const base = source !== undefined && mine.provenance?.importedFrom === source ? mine.provenance.base : undefined
  if (base !== undefined) {
    const mineChanged = mineHash !== base
    const theirsChanged = theirsHash !== base
    if (mineChanged && theirsChanged) return 'both'
    return mineChanged ? 'mine' : 'theirs'
  }
  // Their copy was taken from mine as it is now: only they changed it since.
  if (theirs.provenance?.base === mineHash) return 'theirs'
  return null
}

/** Which side changed the event, from timestamps alone (see the rules above). */
function changedSidesByTime(
  mine: TimelineItem,
  theirs: TimelineItem,
  matchedBy: MatchedBy,
  agreedAt: number | null
): Sides {
  if (matchedBy === 'title-and-date' || agreedAt === null) return 'unknown'
  const mineAt = Date.parse(mine.updatedAt)
  const theirsAt = Date.parse(theirs.updatedAt)
  if (mineAt <= agreedAt) return theirsAt > mineAt ? 'theirs' : 'unknown'
  return theirsAt > agreedAt ? 'both' : 'mine'
}

const laneOf = (item: TimelineItem, laneMap: Record<string, string>) =>
  Object.hasOwn(laneMap, item.groupId) ? laneMap[item.groupId]! : item.groupId

/** Their new events that look like one of my events left unmatched become likely duplicates. */
function markDuplicates(
  comparisons: Comparison[],
  pairs: (Pair | MatchedPair)[],
  mine: TimelineItem[],
  laneMap: Record<string, string>
): void {
  const matched = new Set(pairs.flatMap((pair) => (pair.mine ? [pair.mine.id] : [])))
  const left = mine.filter((item) => !matched.has(item.id))
  const fresh = comparisons.flatMap((comparison, index) => (comparison.kind === 'new' ? [index] : []))
  const found = findLikelyDuplicates(
    fresh.map((index) => comparisons[index]!.theirs),
    left
  )
  for (const duplicate of found) {
    const index = fresh[duplicate.theirs]!
    const theirs = comparisons[index]!.theirs
    const own = duplicate.mine
    const fields = diffFields(own, theirs, laneMap)
    const notes = diffNotes(own.notes, theirs.notes)
    const listed = notesIncoming(notes)
      ? [...fields, { field: 'notes' as const, mine: own.notes, theirs: theirs.notes }]
      : fields
    comparisons[index] = { kind: 'duplicate', mine: own, theirs, score: duplicate.score, fields: listed, notes }
  }
}

// ——— Events ———

interface Pair {
  theirs: TimelineItem
  mine?: TimelineItem
  matchedBy: MatchedBy
}

interface MatchedPair extends Pair {
  mine: TimelineItem
  fields: FieldDiff[]
  notes: NotesDiff
}

const isMatched = (pair: Pair | MatchedPair): pair is MatchedPair => 'fields' in pair

/** Case, accents, punctuation and spacing aside; a title of punctuation only is kept as it is. */
export function titleKey(title: string): string {
  const words = normalizeText(title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  return words || title.trim()
}

const dateTitleKey = (item: TimelineItem) => `${item.start}\u0000${titleKey(item.title)}`

function matchEvents(
  mine: TimelineItem[],
  theirs: TimelineItem[],
  source: string | undefined,
  laneMap: Record<string, string>
): Pair[] {
  const mineById = new Map(mine.map((item) => [item.id, item]))
  const pairs: Pair[] = theirs.map((item) => {
    const own = mineById.get(item.id)
    return own ? { theirs: item, mine: own, matchedBy: 'id' } : { theirs: item, matchedBy: 'id' }
  })
  const taken = new Set(pairs.flatMap((pair) => (pair.mine ? [pair.mine.id] : [])))
  // My events taken from this file before (a duplicate merged into mine, say): by the id their
  // event had there, or, for a file without ids (a spreadsheet's are made anew at every reading),
  // by their version being the very one last taken.
  if (source !== undefined) {
    const byOriginal = new Map<string, TimelineItem>()
    const byBase = new Map<string, TimelineItem>()
    for (const item of mine) {
      const from = item.provenance
      if (from?.importedFrom !== source || taken.has(item.id)) continue
      if (from.originalId && !byOriginal.has(from.originalId)) byOriginal.set(from.originalId, item)
      if (from.base && !byBase.has(from.base)) byBase.set(from.base, item)
    }
    if (byOriginal.size)
      for (const pair of pairs) {
        const own = pair.mine ? undefined : byOriginal.get(pair.theirs.id)
        if (!own || taken.has(own.id)) continue
        pair.mine = own
        pair.matchedBy = 'provenance'
        taken.add(own.id)
      }
    if (byBase.size)
      for (const pair of pairs) {
        const own = pair.mine ? undefined : byBase.get(contentHash(pair.theirs, laneOf(pair.theirs, laneMap)))
        if (!own || taken.has(own.id)) continue
        pair.mine = own
        pair.matchedBy = 'provenance'
        taken.add(own.id)
      }
  }
  // My events left, by title and date, in my document's order: the first one left is matched first.
  const byKey = new Map<string, TimelineItem[]>()
  for (const item of mine) {
    if (taken.has(item.id)) continue
    const key = dateTitleKey(item)
    const list = byKey.get(key)
    if (list) list.push(item)
    else byKey.set(key, [item])
  }
  for (const pair of pairs) {
    if (pair.mine) continue
    const own = byKey.get(dateTitleKey(pair.theirs))?.shift()
    if (own) {
      pair.mine = own
      pair.matchedBy = 'title-and-date'
    }
  }
  return pairs
}

function sameTags(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false
  const x = [...a].sort()
  const y = [...b].sort()
  return x.every((tag, index) => tag === y[index])
}

const sameSource = (a: Source, b: Source) =>
  a.title === b.title && a.outlet === b.outlet && a.url === b.url && a.published === b.published

function sameSources(a: Source[], b: Source[]): boolean {
  return a.length === b.length && a.every((source, index) => sameSource(source, b[index]!))
}

/** The fields that differ, notes aside; their lane is compared as the plan maps it. */
export function diffFields(mine: TimelineItem, theirs: TimelineItem, laneMap: Record<string, string>): FieldDiff[] {
  const diffs: FieldDiff[] = []
  const plain = ['title', 'start', 'end', 'displayDate', 'kind'] as const
  for (const field of plain)
    if (mine[field] !== theirs[field]) diffs.push({ field, mine: mine[field], theirs: theirs[field] })
  const lane = Object.hasOwn(laneMap, theirs.groupId) ? laneMap[theirs.groupId]! : theirs.groupId
  if (mine.groupId !== lane) diffs.push({ field: 'groupId', mine: mine.groupId, theirs: lane })
  if (mine.description !== theirs.description)
    diffs.push({ field: 'description', mine: mine.description, theirs: theirs.description })
  if (!sameTags(mine.tags, theirs.tags)) diffs.push({ field: 'tags', mine: mine.tags, theirs: theirs.tags })
  if (mine.confidence !== theirs.confidence)
    diffs.push({ field: 'confidence', mine: mine.confidence, theirs: theirs.confidence })
  if (!sameSources(mine.sources, theirs.sources))
    diffs.push({ field: 'sources', mine: mine.sources, theirs: theirs.sources })
  return diffs
}

// ——— When the copies last agreed ———

/** The latest timestamp both copies carry for the same event or note (see the rules above). */
function findLastAgreed(pairs: (Pair | MatchedPair)[]): string | null {
  let latest: string | null = null
  let latestAt = -Infinity
  const consider = (stamp: string) => {
    // Most stamps are the same few strings (a file's events often share them): no need to parse those.
    if (stamp === latest) return
    const at = Date.parse(stamp)
    if (at > latestAt) {
      latestAt = at
      latest = stamp
    }
  }
  for (const pair of pairs) {
    if (!isMatched(pair) || pair.matchedBy !== 'id') continue
    const { mine, theirs } = pair
    if (mine.createdAt === theirs.createdAt) consider(mine.createdAt)
    if (mine.updatedAt === theirs.updatedAt && !pair.fields.length) consider(mine.updatedAt)
    if (!mine.notes.length || !theirs.notes.length) continue
    const mineNotes = new Map<string, Note>(mine.notes.map((note) => [note.id, note]))
    for (const note of theirs.notes) {
      const own = mineNotes.get(note.id)
      if (!own) continue
      if (own.createdAt === note.createdAt) consider(own.createdAt)
      if (own.updatedAt === note.updatedAt && sameNote(own, note)) consider(own.updatedAt)
    }
  }
  return latest
}
