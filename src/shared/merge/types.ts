/**
 * Merging a colleague's document into mine: compare first (nothing changes), let the user
 * choose per event, then apply the choices as one undoable command. Notes are never dropped.
 */
import type { Group, TimelineItem } from '../model/schema'

export type Comparison =
  /** Only in theirs. */
  | { kind: 'new'; theirs: TimelineItem }
  /** The same event, the same content (timestamps aside): skipped. */
  | { kind: 'identical'; mine: TimelineItem; theirs: TimelineItem; matchedBy: MatchedBy }
  /** The same event, changed on their side only. */
  | { kind: 'changed'; mine: TimelineItem; theirs: TimelineItem; matchedBy: MatchedBy; fields: FieldDiff[] }
  /** The same event, changed on both sides in ways that disagree. */
  | { kind: 'conflict'; mine: TimelineItem; theirs: TimelineItem; matchedBy: MatchedBy; fields: FieldDiff[] }

/** How an event of theirs was recognised as one of mine: by id, else by title and date. */
export type MatchedBy = 'id' | 'title-and-date'

export interface FieldDiff {
  field: keyof TimelineItem
  mine: unknown
  theirs: unknown
}

/** What the user chose for one of their events. */
export type MergeChoice = 'mine' | 'theirs' | 'both'

export interface MergePlan {
  comparisons: Comparison[]
  /** Their lanes, matched to mine by id, then by title; unmatched ones will be added. */
  laneMap: Record<string, string>
  newLanes: Group[]
}
