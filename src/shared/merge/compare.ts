/**
 * Comparing a colleague's document with mine. Nothing changes here: the plan is what the review
 * shows, and what applyMerge (apply.ts) applies. Both documents are valid (read by a reader).
 *
 * MATCHING, one to one. Each of their events is matched to my event with the same id; each one
 * left is then matched to the first of my events left with the same normalised title (case,
 * accents, punctuation and spacing aside), the same start and the same precision. Lanes: theirs
 * to mine by id, then by title (case and spacing aside); the rest are new lanes.
 *
 * FIELDS compared: title, start, end, precision, kind, lane (theirs mapped through laneMap),
 * description, tags (as a set: their order means nothing), confidence, sources (in order).
 * createdAt, updatedAt and provenance are not content. NOTES are matched by id (notes.ts); they
 * never make a conflict, because a merge always unites them.
 *
 * CLASSES of a matched pair:
 * - identical: no field differs and their notes bring nothing my event lacks (a note only I have
 *   is no difference: a merge never removes it);
 * - changed: only their notes are new to me; or fields differ and my version predates the moment
 *   the copies parted (below);
 * - conflict: fields differ otherwise.
 *
 * CHANGED VERSUS CONFLICT, without a common ancestor. Only timestamps tell the story. Two copies
 * of a document were one file until they parted; since then each side's edits are stamped later
 * than that moment (given clocks that are roughly right). `lastAgreed` is the latest timestamp
 * both copies carry for the same thing — the createdAt of an event or note present on both sides
 * with the same createdAt; the updatedAt of an event whose fields and updatedAt are the same on
 * both sides; the updatedAt of a note whose id, text and updatedAt are the same on both sides —
 * so it is at or before the parting. A pair matched by id whose fields differ is CHANGED when
 *     mine.updatedAt <= lastAgreed  and  theirs.updatedAt > mine.updatedAt
 * i.e. I have not edited the event since the copies parted, and their version is the later one.
 * Everything else is a CONFLICT, and conflicts default to keeping mine. A pair matched by title
 * and date is never "changed": the two events were made separately, so my fields are not an old
 * version of theirs. So a default choice replaces my fields only where I made no edit since the
 * copies parted: an edit of mine is never lost without the user choosing "take theirs". (The cost
 * is caution: with no shared moment at all, every differing event is a conflict. Clocks far off,
 * or a colleague who took only part of an earlier merge of mine, can mislead the rule; the review
 * still shows every changed event's fields side by side.)
 */
import { normalizeText } from '../view/filter'
import type { Group, Note, Source, TimelineDocument, TimelineItem } from '../model/schema'
import { diffNotes, notesIncoming, sameNote } from './notes'
import type { Comparison, ConflictReason, FieldDiff, MatchedBy, MergePlan, NotesDiff } from './types'

export function compareDocuments(mine: TimelineDocument, theirs: TimelineDocument): MergePlan {
  const { laneMap, newLanes } = mapLanes(mine.groups, theirs.groups)
  const pairs = matchEvents(mine.items, theirs.items).map((pair): Pair | MatchedPair =>
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
  const comparisons = pairs.map((pair): Comparison => {
    if (!isMatched(pair)) return { kind: 'new', theirs: pair.theirs }
    const { mine: own, theirs: their, matchedBy, fields, notes } = pair
    const incoming = notesIncoming(notes)
    if (!fields.length && !incoming) return { kind: 'identical', mine: own, theirs: their, matchedBy }
    const listed =
      incoming || notes.mineOnly.length
        ? [...fields, { field: 'notes' as const, mine: own.notes, theirs: their.notes }]
        : fields
    if (!fields.length) return { kind: 'changed', mine: own, theirs: their, matchedBy, fields: listed, notes }
    const mineAt = Date.parse(own.updatedAt)
    const theirsAt = Date.parse(their.updatedAt)
    if (matchedBy === 'id' && agreedAt !== null && mineAt <= agreedAt && theirsAt > mineAt)
      return { kind: 'changed', mine: own, theirs: their, matchedBy, fields: listed, notes }
    const reason = conflictReason(matchedBy, agreedAt, mineAt, theirsAt)
    return { kind: 'conflict', mine: own, theirs: their, matchedBy, fields: listed, notes, reason }
  })
  return { comparisons, laneMap, newLanes, lastAgreed }
}

function conflictReason(
  matchedBy: MatchedBy,
  agreedAt: number | null,
  mineAt: number,
  theirsAt: number
): ConflictReason {
  if (matchedBy !== 'id' || agreedAt === null || mineAt <= agreedAt) return 'history-unknown'
  return theirsAt > agreedAt ? 'both-edited' : 'mine-newer'
}

// ——— Lanes ———

const laneKey = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase()

/** Their lanes to mine by id, then by title; the rest keep their id and colour, ordered after mine. */
export function mapLanes(mine: Group[], theirs: Group[]): { laneMap: Record<string, string>; newLanes: Group[] } {
  const mineIds = new Set(mine.map((lane) => lane.id))
  const byTitle = new Map<string, string>()
  for (const lane of mine) if (!byTitle.has(laneKey(lane.title))) byTitle.set(laneKey(lane.title), lane.id)
  let order = Math.max(-1, ...mine.map((lane) => lane.order))
  const entries: [string, string][] = []
  const newLanes: Group[] = []
  // New lanes follow mine in the order they had in their document.
  for (const lane of [...theirs].sort((a, b) => a.order - b.order)) {
    const match = mineIds.has(lane.id) ? lane.id : byTitle.get(laneKey(lane.title))
    if (match) entries.push([lane.id, match])
    else {
      entries.push([lane.id, lane.id])
      newLanes.push({ ...lane, order: ++order })
    }
  }
  // fromEntries defines own properties, so a lane id such as "__proto__" is a key like any other.
  return { laneMap: Object.fromEntries(entries), newLanes }
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

const dateTitleKey = (item: TimelineItem) => `${item.precision}\u0000${item.start}\u0000${titleKey(item.title)}`

function matchEvents(mine: TimelineItem[], theirs: TimelineItem[]): Pair[] {
  const mineById = new Map(mine.map((item) => [item.id, item]))
  const pairs: Pair[] = theirs.map((item) => {
    const own = mineById.get(item.id)
    return own ? { theirs: item, mine: own, matchedBy: 'id' } : { theirs: item, matchedBy: 'id' }
  })
  const taken = new Set(pairs.flatMap((pair) => (pair.mine ? [pair.mine.id] : [])))
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
  const plain = ['title', 'start', 'end', 'precision', 'kind'] as const
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
