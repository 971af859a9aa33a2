import type { Timeline } from 'vis-timeline/peer'

/** What this reads of vis-timeline's item set (not in its typings; stable since 4.x). */
interface DrawnItem {
  displayed: boolean
  /** With `true`, vis-timeline's own batching form: the steps of the redraw, to be run in order. */
  redraw(returnQueue?: boolean): unknown
}
interface TimelineInternals {
  itemSet?: {
    groups: Record<string, { _checkIfVisible?: () => void }>
    items: Record<string, DrawnItem>
  }
}

/**
 * Runs `change` (items added to, changed in or removed from vis-timeline's DataSet) with every
 * item's DOM written first and measured after, once for all. Left to itself, vis-timeline draws an
 * item the moment it is added to a lane or its data changes: its DOM written, then measured, a
 * forced layout per item — a zoom or a filter that brought 200 events into view held a frame for
 * 0.2–0.5 s (measured at 1,000 events). Here a lane does not show a new item at once (the redraw
 * vis-timeline queues after every change shows all new items in one batch, in the next frame), and
 * the items changed in place are redrawn together at the end, step by step, as vis-timeline itself
 * batches a redraw.
 */
export function withBatchedShow(timeline: Timeline | null, change: () => void): void {
  const itemSet = (timeline as unknown as TimelineInternals | null)?.itemSet
  if (!itemSet) return change()
  const lanes = Object.values(itemSet.groups)
  const drawn = Object.values(itemSet.items).filter((item) => item.displayed)
  const changed = new Set<DrawnItem>()
  for (const lane of lanes) lane._checkIfVisible = () => {}
  for (const item of drawn) item.redraw = () => changed.add(item)
  try {
    change()
  } finally {
    for (const lane of lanes) delete lane._checkIfVisible
    for (const item of drawn) delete (item as Partial<DrawnItem>).redraw
  }
  const queues = [...changed].filter((item) => item.displayed).map((item) => item.redraw(true) as (() => void)[])
  const steps = Math.max(0, ...queues.map((queue) => queue.length))
  for (let step = 0; step < steps; step++) for (const queue of queues) queue[step]?.()
}
