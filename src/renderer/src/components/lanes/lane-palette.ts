import { countOf } from '@shared/count'

// The palette lives in src/shared so that a merge gives new lanes colours not in use, as this view does.
export { LANE_PALETTE, nextLaneColor } from '@shared/model/lane-palette'

/** "13 events", "1 event", "no events". */
export function eventCount(count: number): string {
  if (count === 0) return 'no events'
  return countOf(count, 'event')
}
