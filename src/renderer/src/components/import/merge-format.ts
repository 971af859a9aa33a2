import type { Command } from '@shared/model/commands'
import { formatDate, formatDateRange } from '@shared/model/dates'
import type { Comparison, ConflictReason, FieldDiff, MergeChoice, MergePlan } from '@shared/merge/types'
import type { Group, Source, TimelineItem } from '@shared/model/schema'
import { countOf as plural } from '@shared/count'

/** Event fields as the review names them, in the order it shows them. */
export const FIELD_LABELS: Partial<Record<keyof TimelineItem, string>> = {
  title: 'Title',
  start: 'Start',
  end: 'End',
  displayDate: 'Date as given',
  kind: 'Kind',
  groupId: 'Lane',
  confidence: 'Confidence',
  tags: 'Tags',
  description: 'Description',
  sources: 'Sources',
  notes: 'Notes'
}
const FIELD_ORDER = Object.keys(FIELD_LABELS)

/** The differing fields worth showing, in the review's order (timestamps and provenance are not the user's edits). */
export function visibleDiffs(fields: FieldDiff[]): FieldDiff[] {
  return fields
    .filter((diff) => diff.field in FIELD_LABELS)
    .sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
}

function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

function sourceLine(source: Source): string {
  return [source.outlet, source.title && `“${source.title}”`, source.published, source.url].filter(Boolean).join(', ')
}

/**
 * One side of a differing field as plain text: dates in words at the event's precision, the lane
 * by its title on that side, lists counted and spelled out. Never HTML: the view shows it as text.
 */
export function formatField(field: keyof TimelineItem, item: TimelineItem, lanes: Map<string, Group>): string {
  switch (field) {
    case 'start':
      return formatDate(item.start)
    case 'end':
      return item.end ? formatDate(item.end) : '—'
    case 'groupId':
      return lanes.get(item.groupId)?.title ?? item.groupId
    case 'tags':
      return item.tags.length ? item.tags.join(', ') : '—'
    case 'description':
      return item.description.trim() ? clip(item.description) : '—'
    case 'sources':
      return item.sources.length
        ? `${plural(item.sources.length, 'source')}: ${item.sources.slice(0, 5).map(sourceLine).join('; ')}${item.sources.length > 5 ? '; …' : ''}`
        : 'no sources'
    case 'notes':
      return plural(item.notes.length, 'note')
    case 'confidence':
    case 'kind':
      return item[field].charAt(0).toUpperCase() + item[field].slice(1)
    case 'displayDate':
      return item.displayDate ? `“${item.displayDate}”` : '—'
    default: {
      const value = item[field]
      return value === undefined || value === null || value === '' ? '—' : String(value)
    }
  }
}

/** When an event happens, as the review lists it. */
export function when(item: TimelineItem): string {
  return formatDateRange(item.start, item.end)
}

/** Why a pair is a conflict, in the review's words. */
export const CONFLICT_REASONS: Record<ConflictReason, string> = {
  'both-edited': 'Both of you edited it since the version you last took.',
  'history-unknown': 'Chronotes cannot tell which side changed it.'
}

/** A likely duplicate's choices, in its words: merged into one, or both kept. */
export const DUPLICATE_CHOICE_LABELS: Record<MergeChoice, string> = {
  mine: 'Merge, keep my fields',
  theirs: 'Merge, take their fields',
  both: 'Keep both'
}

/** "87% alike". */
export function likeness(score: number): string {
  return `${Math.round(score * 100)}% alike`
}

export const CHOICE_LABELS: Record<MergeChoice, string> = {
  mine: 'Keep mine',
  theirs: 'Take theirs',
  both: 'Keep both'
}

export interface MergeSummary {
  added: number
  updated: number
  /** Likely duplicates merged into one of my events. */
  merged: number
  /** Conflicts where mine was kept. */
  conflictsKeptMine: number
  notesAdded: number
  lanesAdded: number
}

/**
 * What a merge will do: events added and notes joined are counted from the command itself (so the
 * summary is what happens, "keep both" copies included), the updates and conflicts from the choices.
 */
export function summarizeMerge(plan: MergePlan, choices: MergeChoice[], command: Command | null): MergeSummary {
  const summary: MergeSummary = { added: 0, updated: 0, merged: 0, conflictsKeptMine: 0, notesAdded: 0, lanesAdded: 0 }
  const visit = (step: Command): void => {
    if (step.type === 'batch') return step.commands.forEach(visit)
    if (step.type === 'group') {
      if (!step.before && step.after) summary.lanesAdded++
      return
    }
    if (step.type !== 'item' || !step.after) return
    if (!step.before) {
      summary.added++
      summary.notesAdded += step.after.notes.length
    } else summary.notesAdded += Math.max(0, step.after.notes.length - step.before.notes.length)
  }
  if (command) visit(command)
  plan.comparisons.forEach((comparison, index) => {
    if (comparison.kind === 'duplicate' && choices[index] !== 'both') summary.merged++
    if (comparison.kind !== 'changed' && comparison.kind !== 'conflict') return
    if (choices[index] === 'theirs') summary.updated++
    else if (comparison.kind === 'conflict' && choices[index] === 'mine') summary.conflictsKeptMine++
  })
  return summary
}

/** "Will add 5 events, update 2, keep 1 conflict as mine; 3 notes will be added." */
export function describeSummary(summary: MergeSummary): string {
  const parts: string[] = []
  if (summary.added) parts.push(`add ${plural(summary.added, 'event')}`)
  if (summary.updated) parts.push(`update ${summary.added ? summary.updated : plural(summary.updated, 'event')}`)
  if (summary.merged) parts.push(`merge ${plural(summary.merged, 'duplicate')} into yours`)
  if (summary.conflictsKeptMine) parts.push(`keep ${plural(summary.conflictsKeptMine, 'conflict')} as mine`)
  const events = parts.length ? `Will ${parts.join(', ')}` : 'No events will change'
  const extras: string[] = []
  if (summary.notesAdded) extras.push(`${plural(summary.notesAdded, 'note')} will be added`)
  if (summary.lanesAdded) extras.push(`${plural(summary.lanesAdded, 'lane')} will be added`)
  return `${events}${extras.length ? `; ${extras.join(', ')}` : ''}.`
}

/** The review's sections, in the order they are shown. */
export const SECTIONS: { kind: Comparison['kind']; title: string; hint: string }[] = [
  { kind: 'new', title: 'New', hint: 'Only in their file.' },
  { kind: 'duplicate', title: 'Same event?', hint: 'Like one of yours: a close date and a similar title.' },
  { kind: 'changed', title: 'Changed', hint: 'Changed on their side only: theirs is taken.' },
  { kind: 'mine-changed', title: 'Changed by you', hint: 'Changed on your side only: yours is kept.' },
  { kind: 'conflict', title: 'Conflicts', hint: 'Changed on both sides in ways that disagree.' },
  { kind: 'identical', title: 'Identical', hint: 'The same on both sides: skipped.' }
]

/** "4 events added, 1 updated, 3 notes added": what a confirmed merge did, for the notice. */
export function describeDone(summary: MergeSummary): string {
  const parts = [
    summary.added ? `${plural(summary.added, 'event')} added` : '',
    summary.updated ? `${summary.added ? summary.updated : plural(summary.updated, 'event')} updated` : '',
    summary.merged ? `${plural(summary.merged, 'duplicate')} merged` : '',
    summary.notesAdded ? `${plural(summary.notesAdded, 'note')} added` : ''
  ].filter(Boolean)
  return parts.length ? parts.join(', ') : 'nothing changed'
}
