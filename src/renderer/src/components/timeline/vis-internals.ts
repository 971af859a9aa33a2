import type { Timeline } from 'vis-timeline/peer'

/** What the app reads of vis-timeline's own layout state (not in its typings; stable since 4.x). */
export interface TimelineInternals {
  dom: { center: HTMLElement }
  props: {
    scrollTop: number
    center: { width: number; height: number }
    /** The lane names' column, and the column on the other side (none here). */
    left: { width: number }
    right: { width: number }
  }
  /** hammer.js's gestures over the whole timeline: its 'click' event comes from their tap. */
  hammer: GestureManager
  itemSet: {
    /** hammer.js's gestures over the events: a tap selects one. */
    hammer: GestureManager
    groups: Record<string, VisGroupInternals | undefined>
    items: Record<string, VisItemInternals | undefined>
    /** Lays out and draws the items; called after each DataSet change and each range change. */
    redraw(): boolean
    body: { range: { start: number; end: number } }
  }
  /** Asks for a redraw of everything in the next animation frame; what a DataSet change calls. */
  _redraw(): void
  /** Redraws everything now: the panels' sizes, the date axis, the lanes and their items. */
  _origRedraw(): void
}

interface GestureManager {
  get(recognizer: 'tap'): { set(options: { time: number }): unknown }
}

interface VisGroupInternals {
  top: number
  height: number
  /** Whether the lane was in view (scrolled vertically) at the last redraw. */
  isVisible: boolean
  /** The items the lane drew at the last redraw. */
  visibleItems: VisItemInternals[]
  /** Called by `add` to draw an item at once if it is in the window (and only there). */
  _checkIfVisible(...args: unknown[]): void
}

interface VisItemInternals {
  displayed: boolean
  /** Set when its data changes: its next redraw measures it. */
  dirty: boolean
  parent?: VisGroupInternals
  data: { start: Date; end?: Date }
  /** Whether an item with an end overlaps the range (an item without one is judged by its start). */
  isVisible(range: { start: number; end: number }): boolean
  /** Its drawing steps (make, attach, write, measure, write…), to be run step by step across items. */
  redraw(returnQueue: true): (() => void)[]
  /** Writes its data (content, class, style) to its elements, if it is dirty. */
  _updateDirtyDomComponents(): void
  hide(): void
}

/** vis-timeline's layout state: read from its last layout, so reading it never forces one. */
export function internalsOf(timeline: Timeline): TimelineInternals {
  return timeline as unknown as TimelineInternals
}

/**
 * Asks for a redraw for a new size, as vis-timeline's own size check does (turned off in
 * TimelineView.vue): with deferRedraws, it waits for the events worked out for the new width,
 * and they are drawn together, a frame or two later (the first search keystroke opens the
 * results pane: redrawing at once put a whole redraw into that keystroke's frame). Its public
 * `redraw()` would also measure every drawn event again, a forced layout each (about 35 ms of a
 * filter toggle at 100,000 events, whose summary line changes the timeline's height): a new
 * size moves events, it does not resize them. Events taken in while the timeline had no size
 * (hidden behind another view) are the exception; they need `redraw()` once it has one again.
 */
export function redrawForNewSize(timeline: Timeline): void {
  internalsOf(timeline)._redraw()
}

/** The width vis-timeline will draw its events in once redrawn in a container this wide: less its lane names. */
export function drawingWidthFor(timeline: Timeline, containerWidth: number): number {
  const { props } = internalsOf(timeline)
  return containerWidth - props.left.width - props.right.width
}

/**
 * Takes a click held still for up to `ms` as a click. hammer.js times a click by when it handles
 * the button's release, and drops it as a tap after 250 ms: a slow click, or any click on a
 * renderer busy for a moment between the press and the release, selected nothing, since the long
 * press is set later (see longSelectPressTime in TimelineView.vue).
 */
export function acceptSlowClicks(timeline: Timeline, ms: number): void {
  const { hammer, itemSet } = internalsOf(timeline)
  for (const gestures of [hammer, itemSet.hammer]) gestures.get('tap').set({ time: ms })
}

/** Whether vis-timeline owes a redraw (deferRedraws): one asked for and not yet drawn. */
export interface OwedRedraw {
  readonly due: boolean
}

/**
 * vis-timeline redraws everything in the next animation frame after any change: each step of a
 * zoom or pan, a DataSet change, an option. Here that redraw waits, a frame at a time, while
 * `coming()` says the events for the new window are on their way: drawing them (drawInOnePass, or
 * `redrawNow` when none changed) draws the new window too, once. A zoom step at 100,000 events
 * drew everything twice, first with the old window's events, then with the new ones.
 */
export function deferRedraws(timeline: Timeline, coming: () => boolean): OwedRedraw {
  const internals = internalsOf(timeline)
  const owed = { due: false }
  let frame = 0
  const redrawIfDue = () => {
    frame = 0
    if (!owed.due) return
    if (coming()) frame = requestAnimationFrame(redrawIfDue)
    else internals._origRedraw()
  }
  // Both are own properties already (vis-timeline's throttle and its bound redraw), called by name.
  const redraw = internals._origRedraw
  internals._origRedraw = () => {
    owed.due = false
    redraw()
  }
  internals._redraw = () => {
    owed.due = true
    frame ||= requestAnimationFrame(redrawIfDue)
  }
  return owed
}

/** Redraws everything now (and so, nothing in the next frame). */
export function redrawNow(timeline: Timeline): void {
  internalsOf(timeline)._origRedraw()
}

/**
 * Applies `change` (removals and updates of the DataSets, whose new or changed items are
 * `changed`; the lanes' too) with one redraw for all of it, now.
 * vis-timeline lays its items out again after each DataSet change, and draws an added or changed
 * item on its own as it comes, each reading the page's layout after writing to it: a zoom step
 * at 100,000 events (some tens of items in and out) laid the page out about ten times. Here the
 * changed items are taken off the page first, added ones are not drawn as they come, and one
 * layout afterwards draws them all as it draws items coming into the window (drawItemsTogether).
 * Each DataSet change also asks for a redraw of everything in the next frame: a zoom step drew
 * the events it brought twice, once here and once in that redraw a frame later. Those asks are
 * dropped, and the one redraw here is of everything (the lanes' labels and heights too).
 */
export function drawInOnePass(
  timeline: Timeline,
  changed: readonly { id: string }[],
  change: () => void,
  repainted: ReadonlySet<string> = new Set()
): void {
  const internals = internalsOf(timeline)
  const { itemSet } = internals
  const drawing = drawItemsTogether(timeline)
  // Of the changed items, those whose paint alone changes (repaintsOnly) keep their place and
  // size: vis-timeline would redraw and measure each as it takes its new data, a forced layout
  // each (10–20 ms when a search starts with a hundred events drawn). Their data is written to
  // their elements afterwards, and their measurements kept.
  const repainting = [...repainted].flatMap((id) => {
    const item = itemSet.items[id]
    return item?.displayed ? [item] : []
  })
  for (const { id } of changed) if (!repainted.has(id)) itemSet.items[id]?.hide()
  for (const item of repainting) item.redraw = () => []
  const groups = Object.values(itemSet.groups).filter((group) => group !== undefined)
  // Own properties, deleted afterwards: the prototype's methods are untouched.
  for (const group of groups) group._checkIfVisible = () => {}
  drawing.held = true
  // An own property already (vis-timeline's throttled redraw): put back as it was.
  const askRedraw = internals._redraw
  internals._redraw = () => {}
  try {
    change()
  } finally {
    internals._redraw = askRedraw
    for (const group of groups) delete (group as Partial<VisGroupInternals>)._checkIfVisible
    for (const item of repainting) {
      delete (item as Partial<VisItemInternals>).redraw
      item._updateDirtyDomComponents()
      item.dirty = false
    }
    drawing.held = false
  }
  redrawNow(timeline)
}

const drawings = new WeakMap<object, { held: boolean }>()

/**
 * Makes vis-timeline draw the items coming into the window in all lanes together: every write,
 * then every read (one layout), then every write. It draws them lane by lane, each lane writing
 * its new items and then reading their sizes: a layout of the page per lane with new items, eight
 * in a zoom step of eight lanes, each laying out what the lane before it wrote.
 * Here, before its redraw, the items it will find in the window and draw are drawn, step by step
 * across lanes as it does within one; it then finds them drawn, and only places them. It judges
 * what is in the window as vis-timeline does; any drawn here that it did not take are taken off
 * the page again after it.
 * Installed once per timeline (an own property; the prototype's method is untouched). While
 * `held`, redraws are skipped (drawInOnePass: one redraw after a change, not one per DataSet call).
 */
export function drawItemsTogether(timeline: Timeline): { held: boolean } {
  const { itemSet } = internalsOf(timeline)
  const installed = drawings.get(itemSet)
  if (installed) return installed
  const drawing = { held: false }
  drawings.set(itemSet, drawing)
  const redraw = itemSet.redraw.bind(itemSet)
  itemSet.redraw = () => {
    if (drawing.held) return false
    const drawn = drawComing(itemSet)
    const resized = redraw()
    for (const item of drawn) if (!item.parent?.visibleItems.includes(item)) item.hide()
    return resized
  }
  return drawing
}

/** Draws the undrawn items of lanes in view that are in the window by vis-timeline's rule (Group._updateItemsInRange). */
function drawComing(itemSet: TimelineInternals['itemSet']): VisItemInternals[] {
  const { start, end } = itemSet.body.range
  // Items without an end are drawn a quarter of the window beyond each side.
  const margin = (end - start) / 4
  const coming = Object.values(itemSet.items).filter(
    (item): item is VisItemInternals =>
      item !== undefined &&
      !item.displayed &&
      item.parent?.isVisible === true &&
      (item.data.end === undefined
        ? +item.data.start >= start - margin && +item.data.start <= end + margin
        : item.isVisible({ start, end }))
  )
  const queues = coming.map((item) => item.redraw(true))
  const steps = Math.max(0, ...queues.map((queue) => queue.length))
  for (let step = 0; step < steps; step++) for (const queue of queues) queue[step]?.()
  return coming
}
