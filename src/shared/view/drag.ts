import { parsePeriod, type Period, type Precision } from '../model/dates'
import type { TimelineItem } from '../model/schema'

/** The date string of the given precision whose period contains `time`. */
export function dateAt(time: number, precision: Precision): string {
  const iso = new Date(time).toISOString()
  const length = { year: 4, month: 7, day: 10, minute: 16 }[precision]
  return precision === 'minute' ? `${iso.slice(0, length)}Z` : iso.slice(0, length)
}

function periodAt(time: number, precision: Precision): Period {
  return parsePeriod(dateAt(time, precision), precision)!
}

/** The period boundary (start of a year, month, day or minute) nearest to `time`. */
export function nearestBoundary(time: number, precision: Precision): number {
  const period = periodAt(time, precision)
  return time - period.start <= period.end - time ? period.start : period.end
}

/**
 * Where a dragged event lands, as dates of its own precision: a month-precision event moves by
 * months. `start` and `end` are the times the timeline shows for it after the drag: a day or
 * minute point at its start, a month or year point in the middle of its period, a range over
 * [start of its first period, end of its last).
 */
export function droppedDates(
  item: Pick<TimelineItem, 'kind' | 'precision'>,
  start: number,
  end?: number
): { start: string; end?: string } {
  const { precision } = item
  if (item.kind === 'point' || end === undefined) {
    const approximate = precision === 'year' || precision === 'month'
    return { start: dateAt(approximate ? start : nearestBoundary(start, precision), precision) }
  }
  const from = nearestBoundary(start, precision)
  // The end boundary is exclusive: the last period is the one just before it, and never before the first.
  const to = Math.max(nearestBoundary(end, precision), periodAt(from, precision).end)
  return { start: dateAt(from, precision), end: dateAt(to - 1, precision) }
}
