import { CONFIDENCES, type Group, type TimelineItem } from '@shared/model/schema'
import { itemPeriod } from '@shared/view/timeline-items'
import { perObject } from '@shared/per-object'

export type SortKey = 'date' | 'title' | 'lane' | 'confidence' | 'notes' | 'sources'
export type SortDirection = 'ascending' | 'descending'

export interface Sort {
  key: SortKey
  direction: SortDirection
}

export interface Column {
  key: SortKey
  label: string
  /** Counts read best right-aligned, under each other. */
  numeric?: boolean
}

export const COLUMNS: readonly Column[] = [
  { key: 'date', label: 'Date' },
  { key: 'title', label: 'Title' },
  { key: 'lane', label: 'Lane' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'notes', label: 'Notes', numeric: true },
  { key: 'sources', label: 'Sources', numeric: true }
]

export const DEFAULT_SORT: Sort = { key: 'date', direction: 'ascending' }

/**
 * When an event begins, for sorting: the start of its period; unreadable dates sort last. Kept per
 * event object, so re-sorting 100,000 events does not parse 100,000 dates again.
 */
export const startOf = perObject((item: TimelineItem): number => itemPeriod(item)?.start ?? Number.POSITIVE_INFINITY)

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const confidenceRank = new Map<string, number>(CONFIDENCES.map((c, i) => [c, i]))

/**
 * The events in the order of a column. Lanes sort in their own order (the order of the timeline
 * and the lane manager), confidence from confirmed to unverified. Events that tie keep date order,
 * then document order (the sort is stable), in either direction.
 */
export function sortItems(items: readonly TimelineItem[], groups: readonly Group[], sort: Sort): TimelineItem[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  const laneRank = new Map(groups.map((g) => [g.id, g.order]))
  const byDate = (a: TimelineItem, b: TimelineItem) => startOf(a) - startOf(b) || 0
  let primary: (a: TimelineItem, b: TimelineItem) => number
  switch (sort.key) {
    case 'date':
      primary = byDate
      break
    case 'title':
      primary = (a, b) => collator.compare(a.title, b.title)
      break
    case 'lane':
      primary = (a, b) =>
        (laneRank.get(a.groupId) ?? Number.MAX_SAFE_INTEGER) - (laneRank.get(b.groupId) ?? Number.MAX_SAFE_INTEGER)
      break
    case 'confidence':
      primary = (a, b) => (confidenceRank.get(a.confidence) ?? 9) - (confidenceRank.get(b.confidence) ?? 9)
      break
    case 'notes':
      primary = (a, b) => a.notes.length - b.notes.length
      break
    case 'sources':
      primary = (a, b) => a.sources.length - b.sources.length
      break
  }
  const compare =
    sort.key === 'date'
      ? (a: TimelineItem, b: TimelineItem) => sign * byDate(a, b)
      : (a: TimelineItem, b: TimelineItem) => sign * primary(a, b) || byDate(a, b)
  // Array.prototype.sort is stable, so what still ties stays in document order.
  return [...items].sort(compare)
}
