import { KeySet } from './key-set'
import { overlaps } from './time-index'
import { CONFIRMED, HAS_NOTES, type TimelineModel } from './timeline-model'
import { toViewItem, type TimelineViewItem, type TimeWindow } from './timeline-items'

/** How crowded a lane may get before it shows density: one labelled event per this many pixels. */
export const PX_PER_EVENT = 48
/** A lane always shows at least this many events before it turns to density. */
export const MIN_LANE_CAPACITY = 8
/** Density bins are about this wide on screen. */
export const BIN_PX = 18
/** How many rows of stacked titles a lane may take by default before it shows density instead. */
export const DEFAULT_ROWS = 3
/** At this zoom or closer every event is shown, however crowded: nothing is left to resolve. */
export const FULL_DETAIL_SPAN = 86_400_000
/** About how wide a title is drawn (timeline.css caps point titles at 260 px). */
const CHAR_PX = 7
const LABEL_PX_MAX = 260 + 22
/** The note count's badge after a title (timeline.css: a 6 px gap, 5 px padding each side, the digits). */
const BADGE_PX = 24
const MINUTE = 60_000
/** A bare marker's width with room around it, in pixels. */
const MARKER_PX = 14

/** Counts of events in one lane over one stretch of time: drawn as shading, clicked to zoom in. */
export interface DensityBin {
  /** Stable while panning at one zoom: `bin:<lane>:<start>:<width>`. */
  id: string
  group: string
  start: number
  end: number
  /** Events starting in the bin (or overlapping the range's start, for the first bin) passing the filter. */
  count: number
  /** Of those, how many match the search. */
  matches: number
  /** 1–5: shade, relative to the fullest bin in view. */
  level: number
}

export interface LaneDetail {
  /** Events in the visible window that pass the filter. */
  visible: number
  /** Whether the lane shows density (true) or every event (false). */
  dense: boolean
}

export interface LevelOfDetail {
  /** The span covered: the window widened by half its length each side, out to whole bins. */
  range: TimeWindow
  binWidth: number
  items: TimelineViewItem[]
  bins: DensityBin[]
  lanes: Map<string, LaneDetail>
}

export interface DetailRequest {
  window: TimeWindow
  /** The timeline's drawing width in CSS pixels. */
  widthPx: number
  /** Lane ids; events in other lanes are not shown. */
  lanes: string[]
  /** The events (by key) that pass the filter; undefined: every event does. */
  passing?: KeySet
  /** While searching: the events (by key) that match. */
  matching?: KeySet
  selectedIds?: ReadonlySet<string>
  /**
   * Rows of stacked titles a lane may take (so that every lane fits the timeline's height); when
   * not given, only the number of events decides, and lanes stack as deep as they need.
   */
  rowsPerLane?: number
  /**
   * The events (by id) the timeline shows now: among events that matter equally, these stay, so
   * that a zoom or pan changes few of the drawn events (each new one costs vis-timeline a layout).
   */
  shownIds?: ReadonlySet<string>
  /** Events a lane shows before density; laneCapacity(widthPx) when not given. */
  capacity?: number
  /**
   * With rowsPerLane: a lane whose titles do not all fit draws the events that have no room for
   * their title (in the rows, or before the window's right edge) as bare markers, titled on hover,
   * and never shows density: where even the markers need more rows, a lane takes the rows they need.
   */
  compact?: boolean
  /** How wide a density bin should be, in the same units as widthPx; BIN_PX when not given. */
  binPx?: number
  /**
   * Where an event's drawing lies across the window, in widthPx units, for deciding what fits in
   * the rows; when not given, a screen title's width (the PDF's overview gives its numbered markers').
   */
  footprint?: (key: number) => { from: number; to: number }
}

/** How many events a lane shows before it turns to density, for a timeline this wide. */
export function laneCapacity(widthPx: number): number {
  return Math.max(MIN_LANE_CAPACITY, Math.floor(widthPx / PX_PER_EVENT))
}

/**
 * Lays events out in rows as vis-timeline stacks them (each takes its title's width from its
 * start), first come first placed, and keeps those that fit in `rows`; returns their keys.
 */
function fitInRows(
  keys: number[],
  rows: number,
  x: (key: number) => { from: number; to: number }
): { kept: number[]; all: boolean } {
  const rowEnds: number[][] = Array.from({ length: rows }, () => [])
  const kept: number[] = []
  const overlaps = (row: number[], from: number, to: number) => {
    for (let i = 0; i < row.length; i += 2) if (from < row[i + 1]! && row[i]! < to) return true
    return false
  }
  for (const key of keys) {
    const { from, to } = x(key)
    const row = rowEnds.find((r) => !overlaps(r, from, to))
    if (!row) continue
    row.push(from, to)
    kept.push(key)
  }
  return { kept, all: kept.length === keys.length }
}

/**
 * Lays a lane's events out in rows as vis-timeline stacks them (in date order, each in the first
 * row where it fits): each with its title where the title has room (in a row, before the window's
 * right edge) and the events after it still fit, else as a bare marker; null when even the
 * markers do not fit. Events in date order: a row is free from its rightmost end on.
 * Some events keep room for their titles ahead of the others, the highest ranked first, as long as
 * the rest still fit: those `first` ranks above 0 (the selected, then the matching events), then
 * those whose marker lies left of the window but whose title reaches into it (unseen as a marker).
 */
function titlesOrMarkers(
  keys: number[],
  rows: number,
  titled: (key: number) => { from: number; to: number },
  marker: (key: number) => { from: number; to: number },
  rightEdge: number,
  first: (key: number) => number
): { compact: Set<number> } | null {
  const ends = new Array<number>(rows).fill(-Infinity)
  const markers = keys.map(marker)
  const titles = keys.map(titled)
  const firstFree = (rowEnds: number[], from: number) => rowEnds.findIndex((end) => end <= from)
  /** Whether the events from `next` on fit after the rows as they are, each as `as` says. */
  const fits = (next: number, as: { from: number; to: number }[]) => {
    const trial = ends.slice()
    for (let i = next; i < as.length; i++) {
      const row = firstFree(trial, as[i]!.from)
      if (row < 0) return false
      trial[row] = as[i]!.to
    }
    return true
  }
  if (!fits(0, markers)) return null
  // How the events after each one must still fit: as markers, or titled where they come first.
  let kept = markers
  const ranked = keys
    .map((key, i) => ({
      i,
      rank: titles[i]!.to > rightEdge ? 0 : first(key) || (markers[i]!.to <= 0 && titles[i]!.to > 0 ? 1 : 0)
    }))
    .filter(({ rank }) => rank > 0)
    // Among equals, nearer the window's left edge first: a title reaching in from far left shows little.
    .sort((a, b) => b.rank - a.rank || titles[b.i]!.from - titles[a.i]!.from)
  for (const { i } of ranked) {
    const trial = kept.slice()
    trial[i] = titles[i]!
    if (fits(0, trial)) kept = trial
  }
  const compact = new Set<number>()
  keys.forEach((key, i) => {
    const title = titles[i]!
    const row = title.to <= rightEdge ? firstFree(ends, title.from) : -1
    if (row >= 0) {
      const before = ends[row]!
      ends[row] = title.to
      if (fits(i + 1, kept)) return
      ends[row] = before
    }
    ends[firstFree(ends, markers[i]!.from)] = markers[i]!.to
    compact.add(key)
  })
  return { compact }
}

/**
 * Shares `budget` rows between lanes: each first gets the rows its events need as bare markers
 * (first-fit in date order), then the rows left go one by one to the lane with the most events a
 * row; each lane is then laid out once. When the markers alone need more than the budget, each
 * lane takes the rows its markers need and no more: the lanes run past the window by the fewest
 * rows that still draw every event (stacking every title would take several times as many).
 */
function allotRows(
  laneKeys: number[][],
  budget: number,
  marker: (key: number) => { from: number; to: number },
  layout: (keys: number[], rows: number) => { compact: Set<number> } | null
): { keys: number[]; compact: Set<number> }[] {
  const rows = laneKeys.map((keys) => {
    const ends: number[] = []
    for (const key of keys) {
      const { from, to } = marker(key)
      const row = ends.findIndex((end) => end <= from)
      if (row < 0) ends.push(to)
      else ends[row] = to
    }
    return Math.max(1, ends.length)
  })
  for (let left = budget - rows.reduce((sum, n) => sum + n, 0); left > 0; left--) {
    let fullest = 0
    rows.forEach((n, lane) => {
      if (laneKeys[lane]!.length / n > laneKeys[fullest]!.length / rows[fullest]!) fullest = lane
    })
    rows[fullest]!++
  }
  // A lane has at least the rows its markers need, so its layout never fails; were it to, every
  // event of the lane is a marker.
  return laneKeys.map((keys, lane) => ({ keys, compact: layout(keys, rows[lane]!)?.compact ?? new Set(keys) }))
}

/**
 * How much an event matters when a lane shows density: notes count for more than confirmation,
 * and ties go to an event already drawn (scores are doubled, and being drawn adds one).
 */
function drawnScore(flags: number, drawn: number): number {
  return (flags & HAS_NOTES ? 4 : 0) + (flags & CONFIRMED ? 2 : 0) + drawn
}

/**
 * The hot loop at "fit all" (every event of a dense lane in the range): counts per bin, and the
 * best event per slot, leaving out those drawn in any case (the selected, and the matches when
 * shown). A function of its own that calls no closure made per request and makes no object per event.
 * Each step runs for every event, with a search or without: a step first run in a loop already
 * compiled sends the loop back to be compiled again, 10–20 ms of a first keystroke at 100,000 events.
 */
function tallyLane(
  model: TimelineModel,
  keys: number[],
  grid: { rangeStart: number; binWidth: number; binsPerSlot: number; firstSlot: number; showMatches: boolean },
  into: {
    counts: Int32Array
    matchCounts: Int32Array
    best: Int32Array
    bestScore: Int8Array
    selected: Uint8Array
    shown: Uint8Array
    matching: KeySet
  }
): void {
  const { rangeStart, binWidth, binsPerSlot, firstSlot, showMatches } = grid
  const { counts, matchCounts, best, bestScore, selected, shown, matching } = into
  const lastBin = counts.length - 1
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const at = Math.min(lastBin, Math.floor((Math.max(model.startOf(key), rangeStart) - rangeStart) / binWidth))
    counts[at]!++
    const isMatch = matching.has(key)
    matchCounts[at]! += isMatch ? 1 : 0
    if (selected[key] === 1 || (showMatches && isMatch)) continue
    const score = drawnScore(model.flagsOf(key), shown[key] ?? 0)
    const slot = Math.floor((rangeStart / binWidth + at) / binsPerSlot) - firstSlot
    if (score > bestScore[slot]!) {
      bestScore[slot] = score
      best[slot] = key
    }
  }
}

const NO_KEYS = new KeySet()
let allKeys = new KeySet()

/** A set of every key below `count` (kept for the next request: nothing changes it). */
function everyKey(count: number): KeySet {
  const cells = Math.ceil(count / 32)
  if (allKeys.cells !== cells) allKeys = new KeySet(0, new Uint32Array(cells).fill(0xffffffff))
  return allKeys
}

/** Bin width: a power of two of minutes, so that bins stay put while panning and split in two on zoom. */
export function binWidthFor(window: TimeWindow, widthPx: number, binPx = BIN_PX): number {
  const ideal = ((window.end - window.start) * binPx) / Math.max(1, widthPx)
  return MINUTE * 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, ideal / MINUTE))))
}

/** The span a level of detail covers: the window widened by half its length each side, out to whole bins. */
export function detailRange(window: TimeWindow, binWidth: number): TimeWindow {
  const margin = (window.end - window.start) / 2
  return {
    start: Math.floor((window.start - margin) / binWidth) * binWidth,
    end: Math.ceil((window.end + margin) / binWidth) * binWidth
  }
}

/**
 * What the timeline shows for (model, filter, window, zoom): in each lane, every event in the
 * range when they fit (laneCapacity), or else the density of its events in bins plus the events
 * that matter most — the selected ones always, the search's matches when they fit, then events
 * with notes or confirmed, spread over the window. One pass over the events in the range.
 */
export function levelOfDetail(model: TimelineModel, request: DetailRequest): LevelOfDetail {
  const { window, widthPx } = request
  // Sets, not tests: the loops below run the same code with a search or a filter on as without.
  // A loop that calls a test it has not called before is compiled again: the first keystroke of
  // a search spent 10–30 ms of its frame on it at 100,000 events.
  const passing = request.passing ?? everyKey(model.keyCount)
  const searching = request.matching !== undefined
  const matching = request.matching ?? NO_KEYS
  // Selected and drawn events marked by key: the hot loop below reads a byte, never an event's
  // object (reading 100,000 of those for their ids took 60 ms where the loop takes 5).
  const keysOf = (ids: ReadonlySet<string> | undefined) => [...(ids ?? [])].flatMap((id) => model.keyAtHand(id) ?? [])
  const marked = (keys: number[]) => {
    const marks = new Uint8Array(keys.length ? model.keyCount : 0)
    for (const key of keys) marks[key] = 1
    return marks
  }
  const selectedKeys = keysOf(request.selectedIds)
  const selected = marked(selectedKeys)
  const shown = marked(keysOf(request.shownIds))
  const binWidth = binWidthFor(window, widthPx, request.binPx)
  const range = detailRange(window, binWidth)
  const capacity = request.capacity ?? laneCapacity(widthPx)
  const rows = Math.max(1, request.rowsPerLane ?? DEFAULT_ROWS)
  const limitRows = request.rowsPerLane !== undefined
  const fullDetail = window.end - window.start <= FULL_DETAIL_SPAN
  const pxPerMs = widthPx / (window.end - window.start)
  const titleFootprint = (key: number) => {
    const period = model.period(key)!
    const from = (period.start - window.start) * pxPerMs
    const item = model.item(key)!
    // A point's title is cut at 260 px (timeline.css); a range's runs on past its bar in full.
    // Either is followed by its note count, if it has notes.
    const text = 22 + CHAR_PX * item.title.length
    const badge = model.flagsOf(key) & HAS_NOTES ? BADGE_PX : 0
    const label = (item.kind === 'point' ? Math.min(LABEL_PX_MAX, text) : text) + badge
    const bar = item.kind === 'point' ? 0 : (period.end - period.start) * pxPerMs
    return { from, to: from + Math.max(label, bar) }
  }
  const footprint = request.footprint ?? titleFootprint
  // The request's lanes by the model's lane numbers: the hot loop below reads an array, not a map.
  const laneIndex: number[] = []
  request.lanes.forEach((id, i) => {
    const lane = model.laneNumber(id)
    if (lane !== undefined) laneIndex[lane] = i
  })
  const inLane: number[][] = request.lanes.map(() => [])
  const visible = new Array<number>(request.lanes.length).fill(0)
  const matchesIn = new Array<number>(request.lanes.length).fill(0)

  model.index.query(range.start, range.end, (key, start, end) => {
    const lane = laneIndex[model.laneNumberOf(key)]
    if (lane === undefined || !passing.has(key)) return
    inLane[lane]!.push(key)
    if (overlaps(start, end, window.start, window.end)) visible[lane]!++
    matchesIn[lane]! += matching.has(key) ? 1 : 0
  })

  const items: TimelineViewItem[] = []
  const bins: DensityBin[] = []
  const lanes = new Map<string, LaneDetail>()
  const show = (key: number, compact = false) => {
    const item = model.item(key)!
    const viewItem = toViewItem(item, model.period(key)!, searching ? matching.has(key) : undefined)
    items.push(compact ? { ...viewItem, compact } : viewItem)
  }
  // A bare marker's footprint: the dot (or the bar of a range) and a little room around it.
  const markerFootprint = (key: number) => {
    const { from, to } = footprint(key)
    const bar = model.item(key)!.kind === 'point' ? 0 : (model.period(key)!.end - model.period(key)!.start) * pxPerMs
    return { from: from - MARKER_PX / 2, to: from + Math.max(MARKER_PX / 2, Math.min(bar, to - from)) }
  }
  const titledFirst = (key: number) => (selected[key] === 1 ? 3 : matching.has(key) ? 2 : 0)
  // Compact: the lanes share the height between them (rows × lanes), each taking the rows its
  // markers need and the rest going to lanes with titles still to show.
  const compactRows =
    request.compact && limitRows && !fullDetail
      ? allotRows(
          inLane.map((keys) => keys.slice().sort((a, b) => model.startOf(a) - model.startOf(b))),
          rows * request.lanes.length,
          markerFootprint,
          (keys, laneRows) => titlesOrMarkers(keys, laneRows, footprint, markerFootprint, widthPx, titledFirst)
        )
      : null
  request.lanes.forEach((laneId, lane) => {
    const keys = inLane[lane]!
    const compactLane = compactRows?.[lane]
    if (compactLane) {
      lanes.set(laneId, { visible: visible[lane]!, dense: false })
      for (const key of compactLane.keys) show(key, compactLane.compact.has(key))
      return
    }
    // Legible: few enough events, and their titles stack in the lane's rows without piling up.
    const dense =
      !fullDetail &&
      (visible[lane]! > capacity ||
        (limitRows &&
          !fitInRows(
            keys.slice().sort((a, b) => model.startOf(a) - model.startOf(b)),
            rows,
            footprint
          ).all))
    lanes.set(laneId, { visible: visible[lane]!, dense })
    if (!dense) return keys.forEach((key) => show(key))
    const binCount = Math.round((range.end - range.start) / binWidth)
    const counts = new Int32Array(binCount)
    const matchCounts = new Int32Array(binCount)
    // The events that matter most, one per slot across the range, so they do not pile up. Slots
    // sit on a grid of whole bins from the epoch, so that panning keeps the same events drawn.
    const binsPerSlot = Math.max(1, Math.round(binCount / Math.max(1, Math.floor(capacity / 2))))
    const firstSlot = Math.floor(range.start / binWidth / binsPerSlot)
    const slots = Math.floor((range.end / binWidth - 1) / binsPerSlot) - firstSlot + 1
    const best = new Int32Array(slots).fill(-1)
    const bestScore = new Int8Array(slots).fill(-1)
    const showMatches = matchesIn[lane]! <= capacity
    tallyLane(
      model,
      keys,
      { rangeStart: range.start, binWidth, binsPerSlot, firstSlot, showMatches },
      { counts, matchCounts, best, bestScore, selected, shown, matching }
    )
    // The selected events, and the matches when they fit, are drawn whatever their slot. The
    // selected are looked up, not looked for among the lane's events: that loop, run for the first
    // time when an event is added (and selected), took 20 ms at 100,000 events before it was compiled.
    for (const key of selectedKeys) {
      const period = model.period(key)!
      if (
        laneIndex[model.laneNumberOf(key)] === lane &&
        passing.has(key) &&
        overlaps(period.start, period.end, range.start, range.end)
      )
        show(key)
    }
    if (searching && showMatches) for (const key of keys) if (selected[key] !== 1 && matching.has(key)) show(key)
    // Of those, as many as the lane's rows hold without stacking deeper, best first.
    const scoreOf = (key: number) => drawnScore(model.flagsOf(key), shown[key] ?? 0)
    const picks = [...best].filter((key) => key >= 0).sort((a, b) => scoreOf(b) - scoreOf(a))
    for (const key of fitInRows(picks, rows, footprint).kept) show(key)
    for (let at = 0; at < binCount; at++)
      if (counts[at])
        bins.push({
          id: `bin:${laneId}:${range.start + at * binWidth}:${binWidth}`,
          group: laneId,
          start: range.start + at * binWidth,
          end: range.start + (at + 1) * binWidth,
          count: counts[at]!,
          matches: matchCounts[at]!,
          level: 0
        })
  })
  const fullest = bins.reduce((max, bin) => Math.max(max, bin.count), 0)
  for (const bin of bins) bin.level = Math.max(1, Math.ceil((5 * bin.count) / fullest))
  return { range, binWidth, items, bins, lanes }
}
