/**
 * Merging a colleague's document into mine: compare first (nothing changes), let the user
 * choose per event, then apply the choices as one undoable command. Notes are never dropped.
 * The rules (matching, changed versus conflict, defaults, notes) are spelt out in compare.ts
 * and apply.ts.
 */
import type { Group, Note, TimelineItem } from '../model/schema'

export type Comparison =
  /** Only in theirs. */
  | { kind: 'new'; theirs: TimelineItem }
  /** The same event, the same fields (timestamps and provenance aside), and no note of theirs I lack: skipped. */
  | { kind: 'identical'; mine: TimelineItem; theirs: TimelineItem; matchedBy: MatchedBy }
  /**
   * One of their events that matches none of mine by id or title, but one of mine has an
   * overlapping date and a similar title: "the same event?". Keeping both is the default.
   */
  | {
      kind: 'duplicate'
      mine: TimelineItem
      theirs: TimelineItem
      /** How alike the titles are, 0–1 (similarity.ts). */
      score: number
      fields: FieldDiff[]
      notes: NotesDiff
    }
  /** The same event, changed on my side only since the version I last took: mine is kept. */
  | {
      kind: 'mine-changed'
      mine: TimelineItem
      theirs: TimelineItem
      matchedBy: MatchedBy
      fields: FieldDiff[]
      notes: NotesDiff
    }
  /** The same event, changed on their side only (or only their notes are new to me). */
  | {
      kind: 'changed'
      mine: TimelineItem
      theirs: TimelineItem
      matchedBy: MatchedBy
      fields: FieldDiff[]
      notes: NotesDiff
    }
  /** The same event, with fields that differ where it cannot be shown that only they changed it. */
  | {
      kind: 'conflict'
      mine: TimelineItem
      theirs: TimelineItem
      matchedBy: MatchedBy
      fields: FieldDiff[]
      notes: NotesDiff
      reason: ConflictReason
    }

/**
 * How an event of theirs was recognised as one of mine: by id; by the id an earlier import from
 * the same file recorded in my event's provenance; else by title and date.
 */
export type MatchedBy = 'id' | 'provenance' | 'title-and-date'

/**
 * Why a pair is a conflict (see compare.ts), for the review to explain it:
 * - `both-edited`: each side edited the event since the version I last took from this file (or
 *   since the copies last agreed);
 * - `history-unknown`: the timestamps cannot tell (events matched by title and date were made
 *   separately; or the copies share no known moment; or the stamps contradict each other).
 */
export type ConflictReason = 'both-edited' | 'history-unknown'

/**
 * One differing field. `groupId` compares my lane with theirs mapped through the plan's laneMap
 * (so `theirs` is a lane id of the merged document); `notes` holds both note lists.
 */
export interface FieldDiff {
  field: keyof TimelineItem
  mine: unknown
  theirs: unknown
}

/** How two versions of one event's notes differ, matched by note id. */
export interface NotesDiff {
  /** Their notes my event lacks: the merge adds them. */
  theirsOnly: Note[]
  /** My notes theirs lacks: kept (a note deleted on their side is not deleted in mine). */
  mineOnly: Note[]
  /** The same note id with other text on each side: mine stays, theirs is added as "(their version)". */
  edited: { mine: Note; theirs: Note }[]
}

/**
 * What the user chose for one of their events. For a likely duplicate: 'both' keeps both events,
 * 'mine' merges theirs into mine keeping my fields, 'theirs' merges them taking their fields;
 * merged, the event unites both sides' notes and sources.
 */
export type MergeChoice = 'mine' | 'theirs' | 'both'

/** Their lane, and where its events go. */
export interface LaneMatch {
  /** Their lane, as in their file. */
  theirs: Group
  /** The lane of the merged document: one of mine, or `theirs.id` for a new lane. */
  target: string
  /** Whether `target` is a new lane (listed in the plan's newLanes). */
  isNew: boolean
  /** How the suggestion was found: the same id, the same name, a similar name; null when none. */
  suggestedBy: 'id' | 'name' | 'similar-name' | null
  /** How alike the names are (1 for the same id or name), 0 when new. */
  score: number
  /** How many of their events are in it. */
  events: number
}

/** The user's lane mapping: their lane id → my lane id, or null for "a new lane". */
export type LaneChoices = Readonly<Record<string, string | null>>

export interface CompareOptions {
  /**
   * The file being merged (its name): an event of mine whose provenance names it holds the
   * version last taken from it, the base of the three-way comparison.
   */
  source?: string
  /** The lane mapping the user confirmed; lanes it leaves out get the suggestion. */
  lanes?: LaneChoices
}

/**
 * The choices for a plan: either one per comparison, in the plan's order (what the review and the
 * command line keep), or keyed by the id of their event. A missing or unknown value means the
 * default for that kind of comparison (see apply.ts).
 */
export type MergeChoices = readonly (MergeChoice | undefined)[] | Readonly<Record<string, MergeChoice>>

export interface MergeContext {
  /**
   * The colleague's file name, recorded in the provenance of every imported event (and of mine
   * compared with theirs), so that the next merge of the same file knows what was taken.
   */
  fileName: string
  /** The import time, recorded in that provenance. */
  now: Date
}

export interface MergePlan {
  /** One per event of theirs, in their document's order. */
  comparisons: Comparison[]
  /**
   * Every lane of theirs to a lane of the merged document: as the user mapped it, else as
   * suggested (mine with the same id, the same name, or a similar name); a lane mapped to none of
   * mine maps to itself and is listed in newLanes.
   */
  laneMap: Record<string, string>
  /** Their lanes that go to no lane of mine, with colours no lane of mine uses, ordered after mine. */
  newLanes: Group[]
  /** Every lane of theirs, in their order, with where it goes and why. */
  lanes: LaneMatch[]
  /**
   * The last moment the two copies are known to have agreed (ISO time), or null if none is known:
   * the latest timestamp that both sides carry for the same event or note. See compare.ts.
   */
  lastAgreed: string | null
}
