import type { Timeline } from 'vis-timeline/peer'

/** What the app reads of vis-timeline's own layout state (not in its typings; stable since 4.x). */
export interface TimelineInternals {
  dom: { center: HTMLElement }
  props: { scrollTop: number; center: { width: number; height: number } }
  itemSet: {
    groups: Record<string, VisGroupInternals | undefined>
    items: Record<string, { displayed: boolean; hide(): void } | undefined>
    /** Lays out and draws the items; called after each DataSet change. */
    redraw(): boolean
  }
  body: { emitter: { emit(event: '_change'): void } }
}

interface VisGroupInternals {
  top: number
  height: number
  /** Called by `add` to draw an item at once if it is in the window (and only there). */
  _checkIfVisible(...args: unknown[]): void
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

/**
 * Applies `change` (a removal and an update of the DataSet, whose new or changed items are
 * `changed`) with one layout of the items for both.
 * vis-timeline lays its items out again after each DataSet change, and draws an added or changed
 * item on its own as it comes, each reading the page's layout after writing to it: a zoom step
 * at 100,000 events (some tens of items in and out) laid the page out about ten times. Here the
 * changed items are taken off the page first, added ones are not drawn as they come, and one
 * layout afterwards draws them all as it draws items coming into the window: every write, then
 * every read, then every write.
 */
export function drawInOnePass(timeline: Timeline, changed: readonly { id: string }[], change: () => void): void {
  const { itemSet } = internalsOf(timeline)
  for (const { id } of changed) itemSet.items[id]?.hide()
  const groups = Object.values(itemSet.groups).filter((group) => group !== undefined)
  // Own properties, deleted afterwards: the prototype's methods are untouched.
  for (const group of groups) group._checkIfVisible = () => {}
  itemSet.redraw = () => false
  try {
    change()
  } finally {
    for (const group of groups) delete (group as Partial<VisGroupInternals>)._checkIfVisible
    delete (itemSet as Partial<TimelineInternals['itemSet']>).redraw
  }
  itemSet.redraw()
}
