import type { Timeline } from 'vis-timeline/peer'

/** What the app reads of vis-timeline's own layout state (not in its typings; stable since 4.x). */
export interface TimelineInternals {
  dom: { center: HTMLElement }
  props: { scrollTop: number; center: { width: number; height: number } }
  itemSet: { groups: Record<string, { top: number; height: number } | undefined> }
  body: { emitter: { emit(event: '_change'): void } }
}

/** vis-timeline's layout state: read from its last layout, so reading it never forces one. */
export function internalsOf(timeline: Timeline): TimelineInternals {
  return timeline as unknown as TimelineInternals
}

/**
 * Redraws at once for a new size, as vis-timeline's own once-a-second size check does. Its public
 * `redraw()` also measures every drawn event again, a forced layout each (about 35 ms of a filter
 * toggle at 100,000 events, whose summary line changes the timeline's height): a new size moves
 * events, it does not resize them. Events taken in while the timeline had no size (hidden behind
 * another view) are the exception; they need `redraw()` once it has one again.
 */
export function redrawForNewSize(timeline: Timeline): void {
  internalsOf(timeline).body.emitter.emit('_change')
}
