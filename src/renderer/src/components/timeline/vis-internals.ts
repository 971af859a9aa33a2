import type { Timeline } from 'vis-timeline/peer'

/** What the app reads of vis-timeline's own layout state (not in its typings; stable since 4.x). */
export interface TimelineInternals {
  dom: { center: HTMLElement }
  props: { scrollTop: number; center: { width: number; height: number } }
  itemSet: { groups: Record<string, { top: number; height: number } | undefined> }
}

/** vis-timeline's layout state: read from its last layout, so reading it never forces one. */
export function internalsOf(timeline: Timeline): TimelineInternals {
  return timeline as unknown as TimelineInternals
}
