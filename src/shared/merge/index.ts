/** Merging a colleague's document into mine: compareDocuments, then applyMerge (one undoable command). */
export { compareDocuments } from './compare'
export { applyMerge, defaultChoice, defaultMergeChoices, mergeChoicesForAll } from './apply'
export { contentHash } from './base'
export { suggestLanes, mapLanes, LANE_SIMILARITY_THRESHOLD } from './lanes'
export { TITLE_SIMILARITY_THRESHOLD } from './duplicates'
export { THEIR_VERSION_MARK } from './notes'
export type {
  Comparison,
  CompareOptions,
  ConflictReason,
  FieldDiff,
  LaneChoices,
  LaneMatch,
  MatchedBy,
  MergeChoice,
  MergeChoices,
  MergeContext,
  MergePlan,
  NotesDiff
} from './types'
