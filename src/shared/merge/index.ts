/** Merging a colleague's document into mine: compareDocuments, then applyMerge (one undoable command). */
export { compareDocuments } from './compare'
export { applyMerge, defaultChoice, defaultMergeChoices, mergeChoicesForAll } from './apply'
export { THEIR_VERSION_MARK } from './notes'
export type {
  Comparison,
  ConflictReason,
  FieldDiff,
  MatchedBy,
  MergeChoice,
  MergeChoices,
  MergeContext,
  MergePlan,
  NotesDiff
} from './types'
