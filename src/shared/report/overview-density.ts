/**
 * The overview of a timeline with too many events to number each one legibly: the screen's level
 * of detail (src/shared/view/level-of-detail.ts) laid out for paper. The whole period is one panel
 * (cut between lanes only if they do not fit a page); each lane shows how many of its events start
 * in each stretch of time as a shaded strip, and above it, as numbered markers, the events that
 * matter most (with notes, then confirmed), one per stretch, as many as fit its rows without
 * overlapping. A lane whose events all fit is drawn event by event, as in the small overview.
 */
import type { TimelineDocument } from '../model/schema'
import { levelOfDetail } from '../view/level-of-detail'
import { TimelineModel } from '../view/timeline-model'
import { layoutAxis } from './axis'
import {
  DEFAULT_MAX_ROWS,
  layoutOverview,
  emptyFigure,
  overviewPlot,
  periodCaption,
  type OverviewEvent,
  type OverviewLaneInput,
  type OverviewOptions
} from './overview'
import {
  OVERVIEW_STYLE,
  placeMark,
  placeMarks,
  rowMarks,
  timeSpan,
  toTimed,
  type Period,
  type Timed
} from './overview-marks'
import type { OverviewBin, OverviewDensity, OverviewFigure, OverviewLane, OverviewMark } from './overview-types'
import { digitsWidth, wrapText } from './text-metrics'
import { ceilTo, cells, floorTo } from './time-units'
import { formatCount } from '../count'

const S = OVERVIEW_STYLE

/**
 * The event-by-event overview is kept while its panels take at most this many pages: the bundled
 * 88-event dataset takes 1.4 pages in portrait and 2.1 in landscape, and stays legible; past three
 * pages of small panels a reader no longer gets an overview (1,000 events over 35 years take 6.6).
 */
export const OVERVIEW_PAGES = 3
/** A shaded cell is about this wide on paper, in points (bins are whole powers of two of minutes). */
const BIN_PT = 8
/** The density strip's height, and the type of the lane's count. */
const STRIP = 7
const COUNT_SIZE = 6
const COUNT_LINE = 7.2
/** The share of a page left under the title block, the list of lanes and the keys. */
const FIRST_PAGE_SHARE = 0.55
/** A cell cut to a sliver at the period's edge is still drawn this wide (points). */
const MIN_CELL = 0.5

export interface ReportOverviewOptions extends OverviewOptions {
  /** Room a panel's caption takes on the page besides the panel (points). */
  captionRoom: number
}

/**
 * The report's overview: every event numbered while that takes at most OVERVIEW_PAGES pages of
 * panels; past that, density. `document` holds exactly the events of `entries` (same ids).
 */
export function layoutReportOverview(
  document: TimelineDocument,
  entries: readonly OverviewEvent[],
  lanes: readonly OverviewLaneInput[],
  options: ReportOverviewOptions
): OverviewFigure {
  const budget = OVERVIEW_PAGES * (options.maxHeight + options.captionRoom)
  if (entries.length <= mostNumberable(options.width, budget)) {
    const figure = layoutOverview(entries, lanes, options)
    const height = figure.panels.reduce((sum, panel) => sum + panel.height + options.captionRoom, 0)
    if (height <= budget) return figure
  }
  return layoutDensityOverview(document, entries, lanes, options)
}

/**
 * More events than this cannot be numbered in `height` points of panels however they fall: rows
 * of the narrowest markers (one digit) edge to edge. Past it the event-by-event layout, which
 * takes seconds at 100,000 events, is not even tried.
 */
export function mostNumberable(width: number, height: number): number {
  const { plot } = overviewPlot(width)
  const narrowest = digitsWidth(1, S.numberSize) + 2 * S.markerPadding + S.gap
  return Math.floor(height / S.rowHeight) * Math.floor(plot.width / narrowest)
}

export function layoutDensityOverview(
  document: TimelineDocument,
  entries: readonly OverviewEvent[],
  lanes: readonly OverviewLaneInput[],
  options: OverviewOptions
): OverviewFigure {
  const width = options.width
  const { gutter, plot } = overviewPlot(width)
  const rows = Math.max(1, options.maxRowsPerLane ?? DEFAULT_MAX_ROWS)
  const laneById = new Map(lanes.map((lane) => [lane.id, lane]))
  const timedById = new Map<string, Timed>()
  for (const entry of entries) {
    const timed = toTimed(entry)
    if (timed && laneById.has(entry.laneId)) timedById.set(entry.id, timed)
  }
  const figure = emptyFigure(width, gutter)
  if (!timedById.size) return figure

  let first = Infinity
  let last = -Infinity
  for (const t of timedById.values()) {
    first = Math.min(first, t.t0)
    last = Math.max(last, t.t1)
  }
  // Whole years for a timeline of several years, else whole months, as the small overview.
  const unit = cells(first, last, 'year').length >= 3 ? 'year' : 'month'
  const period: Period = {
    start: floorTo(first, unit),
    end: Math.max(ceilTo(last, unit), ceilTo(first + 1, unit)),
    unit
  }
  const span = timeSpan(plot)
  const toX = (t: number) => span.x + ((t - period.start) / (period.end - period.start)) * span.width

  const model = new TimelineModel(document)
  const widest = digitsWidth(String(entries.length).length, S.numberSize) + 2 * S.markerPadding + S.gap
  const figureLanes = lanes.filter((lane) => model.lanes.get(lane.id) > 0)
  /** The level of detail for `rowsPerLane` rows of markers, and each lane's band. */
  function laidOut(rowsPerLane: number) {
    const detail = levelOfDetail(model, {
      window: { start: period.start, end: period.end },
      widthPx: span.width,
      lanes: figureLanes.map((lane) => lane.id),
      rowsPerLane,
      // Slots for the events that matter are a quarter of this across the window: as many as the
      // widest markers could fill the rows, so that it is room on paper, not slots, that limits them.
      capacity: 4 * rowsPerLane * Math.ceil(span.width / widest),
      binPx: BIN_PT,
      footprint: (key) => {
        const timed = timedById.get(model.item(key)!.id)
        if (!timed) return { from: 0, to: 0 }
        const mark = placeMark(timed, period, plot, toX, laneById.get(timed.event.laneId)!, false)
        return { from: mark.left, to: mark.right + S.gap }
      }
    })

    const shownByLane = new Map<string, Timed[]>()
    for (const item of detail.items) {
      const timed = timedById.get(item.id)
      if (!timed) continue
      const list = shownByLane.get(timed.event.laneId) ?? []
      list.push(timed)
      shownByLane.set(timed.event.laneId, list)
    }
    const placed = placeMarks([...shownByLane.values()].flat(), [], period, plot, laneById)
    const binsByLane = new Map<string, typeof detail.bins>()
    for (const bin of detail.bins) binsByLane.set(bin.group, [...(binsByLane.get(bin.group) ?? []), bin])

    // Each lane's band: its title and count in the gutter; its rows of markers, then its strip.
    return {
      detail,
      bands: figureLanes.map((lane) => {
        const laneDetail = detail.lanes.get(lane.id)!
        const markRows = placed.get(lane.id) ?? []
        const numbered = shownByLane.get(lane.id)?.length ?? 0
        const total = laneDetail.visible
        const events = `${formatCount(total)} ${total === 1 ? 'event' : 'events'}`
        const count = laneDetail.dense
          ? [`${events};`, `${formatCount(numbered)} numbered`]
          : [`${events},`, 'all numbered']
        const titleLines = wrapText(lane.title, gutter - 12, S.laneTitleSize, 3)
        // On one line when it fits the gutter, else broken after its first part, never mid-phrase.
        const oneLine = count.join(' ')
        const countLines =
          wrapText(oneLine, gutter - 12, COUNT_SIZE, 2).length === 1 ? [oneLine] : [count[0]!.slice(0, -1), count[1]!]
        const content = (laneDetail.dense ? markRows.length : Math.max(1, markRows.length)) * S.rowHeight
        const strip = laneDetail.dense ? STRIP + 1 : 0
        const text = titleLines.length * S.laneTitleLine + countLines.length * COUNT_LINE
        return {
          lane,
          markRows,
          bins: binsByLane.get(lane.id) ?? [],
          strip,
          titleLines,
          countLines,
          height: Math.max(content + strip, text) + 2 * S.lanePadding
        }
      })
    }
  }

  const axis = layoutAxis(period.start, period.end, span.x, span.width, S.axisSize, 0)
  const axisHeight = S.tick + S.axisSize * 1.35 * axis.lines + 4
  const figureHeight = (bands: { height: number }[]) =>
    S.top + axisHeight + bands.reduce((sum, band) => sum + band.height, 0)
  // Under the title block on the first page if fewer rows of markers allow it (in landscape): a
  // first page holding only the title, and the figure overleaf, reads as a mistake.
  let { detail, bands } = laidOut(rows)
  for (let fewer = rows - 1; fewer >= 1 && figureHeight(bands) > FIRST_PAGE_SHARE * options.maxHeight; fewer--) {
    const trial = laidOut(fewer)
    if (figureHeight(trial.bands) <= FIRST_PAGE_SHARE * options.maxHeight) ({ detail, bands } = trial)
  }
  // A figure taller than the page is cut between lanes (only with very many lanes).
  const groups: (typeof bands)[] = [[]]
  let used = S.top + axisHeight
  for (const band of bands) {
    if (groups.at(-1)!.length && used + band.height > options.maxHeight) {
      groups.push([])
      used = S.top + axisHeight
    }
    groups.at(-1)!.push(band)
    used += band.height
  }

  for (const group of groups) {
    const lanesOut: OverviewLane[] = []
    const marks: OverviewMark[] = []
    const bins: OverviewBin[] = []
    let y = S.top
    for (const band of group) {
      const { lane, markRows, strip } = band
      const top = y + (band.height - markRows.length * S.rowHeight - strip) / 2
      const stripY = top + markRows.length * S.rowHeight + 1
      lanesOut.push({
        id: lane.id,
        titleLines: band.titleLines,
        countLines: band.countLines,
        color: lane.color,
        ink: lane.ink,
        y,
        height: band.height,
        rows: Math.max(1, markRows.length),
        ...(strip ? { strip: { x: span.x, y: stripY, width: span.width, height: STRIP } } : {})
      })
      marks.push(...rowMarks(markRows, top))
      for (const bin of band.bins) {
        // Cells are on a grid of their own (whole powers of two of minutes): cut to the period.
        const x1 = toX(Math.min(bin.end, period.end))
        const x0 = Math.min(toX(Math.max(bin.start, period.start)), x1 - MIN_CELL)
        bins.push({
          laneId: lane.id,
          x: x0,
          y: stripY,
          width: x1 - x0,
          height: STRIP,
          count: bin.count,
          level: bin.level
        })
      }
      y += band.height
    }
    const baseline = y + S.tick + S.axisSize + 1
    let caption = `${periodCaption(period)} · ${formatCount(entries.length)} events`
    if (groups.length > 1)
      caption += ` — ${group.length === 1 ? 'lane' : 'lanes'} ${group.map((band) => band.lane.title).join(', ')}`
    figure.panels.push({
      caption,
      startMs: period.start,
      endMs: period.end,
      width,
      height: y + axisHeight,
      plot: { x: plot.x, y: S.top, width: plot.width, height: y - S.top },
      lanes: lanesOut,
      ticks: axis.ticks,
      axisLabels: axis.labels.map((label) => ({ ...label, y: label.y + baseline })),
      marks: marks.sort((a, b) => a.number - b.number),
      // Numbered events are scattered over the whole chronology: a range of numbers would mislead.
      numbers: null,
      bins
    })
  }
  figure.density = density(
    detail.bins,
    detail.binWidth,
    entries.length,
    bands.some((band) => !band.strip)
  )
  return figure
}

/** The key to the shades, and the caption saying what was drawn as density and why. */
function density(
  bins: readonly { count: number }[],
  binWidth: number,
  events: number,
  someLanesInFull: boolean
): OverviewDensity {
  const fullest = bins.reduce((max, bin) => Math.max(max, bin.count), 0)
  // levelOfDetail gives a cell level ceil(5 × count / fullest): level L holds the counts in ((L−1)/5, L/5] of the fullest.
  const shades = [1, 2, 3, 4, 5]
    .map((level) => ({
      level,
      from: Math.floor(((level - 1) * fullest) / 5) + 1,
      to: Math.floor((level * fullest) / 5)
    }))
    .filter((shade) => shade.from <= shade.to)
  const binLabel = durationWords(binWidth)
  const caption =
    `Shown as density: ${formatCount(events)} events are too many to number each one legibly in the overview. ` +
    `Each lane's shaded strip counts the events that begin in each stretch of ${binLabel}; the darker, the more (see the key). ` +
    'Above it, the events that matter most are numbered — at most one per stretch, those with notes first, then confirmed ones — ' +
    `as many as fit without overlapping; the count beside each lane says how many.${someLanesInFull ? ' A lane without a strip shows every one of its events.' : ''} ` +
    'Every event is in the chronology.'
  return { shades, binLabel, cellLength: durationWords(binWidth, false), caption }
}

/** "364 days (about a year)", "45.5 hours": a bin's width as a reader says it. */
export function durationWords(ms: number, approximately = true): string {
  const hours = ms / 3_600_000
  if (hours < 48) return `${round1(hours)} hours`
  const days = hours / 24
  const exact = `${round1(days)} days`
  if (!approximately) return exact
  if (days >= 330) {
    const years = Math.round(days / 365.25)
    return `${exact} (about ${years === 1 ? 'a year' : `${years} years`})`
  }
  if (days >= 28) {
    const months = Math.round(days / 30.44)
    return `${exact} (about ${months === 1 ? 'a month' : `${months} months`})`
  }
  return exact
}

function round1(value: number): string {
  return formatCount(Math.round(value * 10) / 10)
}
