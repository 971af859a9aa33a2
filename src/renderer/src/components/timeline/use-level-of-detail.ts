import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue'
import type { Group } from '@shared/model/schema'
import { compileFilter } from '@shared/view/filter'
import { KeySet } from '@shared/view/key-set'
import { binWidthFor, detailRange, levelOfDetail, type LevelOfDetail } from '@shared/view/level-of-detail'
import type { TimeWindow } from '@shared/view/timeline-items'
import { useDocumentIndexStore } from '../../stores/document-index'

/** The size the events are drawn in, in CSS pixels: the lanes' width, and the height they share. */
export interface DrawingSize {
  widthPx: number
  heightPx: number
}

interface Inputs {
  groups: Ref<Group[]>
  /** The keys of the events the filter lets through; null when no filter is on. */
  passing: Ref<KeySet | null>
  query: Ref<string>
  selectedIds: Ref<string[]>
  /** The visible window as the timeline last reported it (during a zoom or pan too). */
  window: Ref<TimeWindow | undefined>
  /** The timeline's drawing width in CSS pixels. */
  widthPx: Ref<number>
  /** The height the lanes share, in CSS pixels: every lane should fit it without scrolling. */
  heightPx: Ref<number>
  /** Whether the timeline is on screen (not behind the list or notes view). */
  onScreen: Ref<boolean>
  /** The drawing size as the layout has it now, ahead of `widthPx` and `heightPx` (null when unknown). */
  measure?: () => DrawingSize | null
}

/** One row of stacked titles, with vis-timeline's margins (timeline.css). */
const ROW_PX = 25
/** A lane's own padding above and below its rows. */
const LANE_PADDING_PX = 10
/**
 * From this many events on, lanes show density where crowded, kept to their share of the height.
 * Below it every event near the window is drawn, titled where it has room: each zoom step then
 * retitles and re-measures hundreds of events. Measured in `npm run bench` (zoom / pan frame p95):
 * 1,000 events drawn so took 100 / 100 ms and 500 took 83 / 83 ms, with density 50 / 34 and
 * 33 / 33 ms; 250 drawn take 50 / 67 ms.
 */
const DENSITY_FROM = 250

const EMPTY: LevelOfDetail = { range: { start: 0, end: 0 }, binWidth: 0, items: [], bins: [], lanes: new Map() }

/**
 * What the timeline draws, recomputed at most once per frame from the document's indexes: only
 * the events and density bins around the visible window ever reach vis-timeline. The first
 * answer is computed at once (for the first paint); later ones wait for the next animation frame,
 * so a burst of range changes during a zoom costs one recompute per frame.
 */
export function useLevelOfDetail(inputs: Inputs) {
  const indexes = useDocumentIndexStore()
  const detail = shallowRef<LevelOfDetail>(EMPTY)
  /**
   * A large timeline's lanes each take their share of the height, whatever they draw: a zoom step
   * that stacked a lane one row deeper or shallower made vis-timeline lay everything out a second
   * time, and the lanes below jump. The share, not its whole rows: at 1024×640 eight lanes of one
   * row left a third of the timeline empty under them. Small timelines' lanes take the rows they need.
   */
  const laneHeightPx = ref<number>()
  let frame = 0

  function windowOrExtent(): TimeWindow | null {
    if (inputs.window.value) return inputs.window.value
    const extent = indexes.current.model.extent()
    return extent && { start: extent.start, end: extent.end + (extent.end - extent.start) * 0.2 }
  }

  function recompute(): void {
    // A panel opened or closed since the last frame (the details, the search results) has resized
    // the timeline already, though it reports so only after this frame's callbacks: the events are
    // worked out for the size it has now, and drawn once, at it. Taken in while `frame` is still
    // set, the size asks for no second recompute (the watch below is synchronous).
    const size = inputs.measure?.()
    if (size) {
      inputs.widthPx.value = size.widthPx
      inputs.heightPx.value = size.heightPx
    }
    frame = 0
    const window = windowOrExtent()
    if (!window) {
      detail.value = EMPTY
      return
    }
    const { model } = indexes.current
    const share = inputs.heightPx.value / Math.max(1, inputs.groups.value.length)
    const rowsPerLane = Math.max(1, Math.floor((share - LANE_PADDING_PX) / ROW_PX))
    // Less a pixel for the line under each lane.
    laneHeightPx.value =
      model.size > DENSITY_FROM ? Math.max(rowsPerLane * ROW_PX + LANE_PADDING_PX, Math.floor(share) - 1) : undefined
    const passing = inputs.passing.value
    const query = inputs.query.value
    const search = query.trim() ? indexes.textMatcher(query) : null
    // While the search worker indexes a large document just opened, matches are marked once it is done.
    const found = search
      ? search.keys
      : query.trim() && !indexes.indexing
        ? scanMatches(query, detailRange(window, binWidthFor(window, inputs.widthPx.value)))
        : undefined
    detail.value = levelOfDetail(model, {
      window,
      widthPx: inputs.widthPx.value,
      lanes: inputs.groups.value.map((g) => g.id),
      // The filter's verdicts, from the view store's set (one pass when the filter or the document
      // changes): a bit per event, never the event's object, in the loop over every event in range.
      ...(passing ? { passing } : {}),
      ...(found ? { matching: found } : {}),
      selectedIds: new Set(inputs.selectedIds.value),
      shownIds: new Set(detail.value.items.map((item) => item.id)),
      // Every lane keeps within its share of the height. Small timelines draw every event near the
      // window: those whose titles have no room as bare markers, titled on hover; large ones show
      // density where titles would pile up.
      rowsPerLane,
      ...(model.size > DENSITY_FROM ? {} : { capacity: Infinity, compact: true })
    })
  }

  /** Until the search index has caught up: the matches among the events the level of detail covers, read one by one. */
  function scanMatches(query: string, range: TimeWindow): KeySet {
    const test = compileFilter({ text: query })
    const { model } = indexes.current
    const found = new KeySet(model.keyCount)
    model.index.query(range.start, range.end, (key) => {
      if (test(model.item(key)!)) found.add(key)
    })
    return found
  }

  function schedule(): void {
    // Hidden (the list view is in front), the timeline is not drawn for each search keystroke or
    // edit there. Shown again, its size comes back from none, and that brings it up to date.
    if (inputs.onScreen.value && !frame) frame = requestAnimationFrame(recompute)
  }

  recompute()
  watch(
    [
      () => indexes.version,
      () => indexes.searchVersion,
      inputs.groups,
      inputs.passing,
      inputs.query,
      inputs.selectedIds,
      inputs.window,
      inputs.widthPx,
      inputs.heightPx
    ],
    schedule,
    { flush: 'sync' }
  )
  onBeforeUnmount(() => cancelAnimationFrame(frame))

  return {
    detail,
    laneHeightPx,
    findItem: (id: string) => indexes.current.model.itemAtHand(id),
    /** Whether a new answer will come in the next frame. */
    coming: () => frame !== 0
  }
}
