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

/** How an event of theirs was recognised as one of mine: by id, else by title and date. */
export type MatchedBy = 'id' | 'title-and-date'

/**
 * Why a pair is a conflict (see compare.ts), for the review to explain it:
 * - `both-edited`: each side edited the event after the copies last agreed;
 * - `mine-newer`: only I edited it since; theirs is the older version (keeping mine is right);
 * - `history-unknown`: the timestamps cannot tell (events matched by title and date were made
 *   separately; or the copies share no known moment; or the stamps contradict each other).
 */
export type ConflictReason = 'both-edited' | 'mine-newer' | 'history-unknown'

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

/** What the user chose for one of their events. */
export type MergeChoice = 'mine' | 'theirs' | 'both'

/**
 * The choices for a plan: either one per comparison, in the plan's order (what the review and the
 * command line keep), or keyed by the id of their event. A missing or unknown value means the
 * default for that kind of comparison (see apply.ts).
 */
export type MergeChoices = readonly (MergeChoice | undefined)[] | Readonly<Record<string, MergeChoice>>

export interface MergeContext {
  /** The colleague's file name, recorded in the provenance of every imported event. */
  fileName: string
  /** The import time, recorded in that provenance. */
  now: Date
}

export interface MergePlan {
  /** One per event of theirs, in their document's order. */
  comparisons: Comparison[]
  /**
   * Every lane of theirs to a lane of the merged document: mine matched by id, then by title
   * (case aside); a lane that matches none maps to itself and is listed in newLanes.
   */
  laneMap: Record<string, string>
  /** Their lanes that match none of mine, with their colours, ordered after mine. */
  newLanes: Group[]
  /**
   * The last moment the two copies are known to have agreed (ISO time), or null if none is known:
   * the latest timestamp that both sides carry for the same event or note. See compare.ts.
   */
  lastAgreed: string | null
}
