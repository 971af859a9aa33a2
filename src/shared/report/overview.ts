/**
 * The overview figure's geometry: one band per lane, events as numbered markers, a date axis.
 *
 * The figure covers whole months at least (whole years for a timeline of several years), so that
 * one event, or a few on neighbouring days, still gets an axis of days under their month rather
 * than one of hours. Time is drawn a little inside the plot (OVERVIEW_STYLE.inset), so that a
 * marker on the period's first or last day clears the lane titles and the panel's edge.
 *
 * Numbers must stay legible, so markers are never drawn over one another: within a lane, each
 * marker (with its bar) takes the first row where it clears its neighbours. When a period needs
 * more than `maxRowsPerLane` rows in some lane, the figure is split: the timeline is cut into
 * whole years (months, days when a year or month alone is too dense), and neighbouring cells are
 * joined into one panel for as long as the panel stays within the limit. A day that is still too
 * dense is split by its events; a panel taller than the page is split by its lanes; a stretch with
 * nothing to draw is left out. Every event
 * is labelled exactly once, in the panel where it begins; a bar that runs on into later panels is
 * drawn there too, without its number.
 */
import { formatEventDate } from './format'
import type { ReportEntry } from './model'
import type { OverviewFigure, OverviewLane, OverviewMark, OverviewPanel } from './overview-types'
import { layoutAxis, type AxisLayout } from './axis'
import {
  OVERVIEW_STYLE,
  placeMarks,
  rowMarks,
  timeSpan,
  toTimed,
  type Pending,
  type Period,
  type Timed
} from './overview-marks'
import { wrapText } from './text-metrics'
import { cells, isoAt, addUnits, type TimeUnit } from './time-units'

export { OVERVIEW_STYLE } from './overview-marks'

export type OverviewEvent = Pick<ReportEntry, 'number' | 'id' | 'laneId' | 'kind' | 'precision' | 'start' | 'end'>

export interface OverviewLaneInput {
  id: string
  title: string
  color: string
  ink: string
}

export interface OverviewOptions {
  /** The printable width, in points. */
  width: number
  /** The tallest a panel may be (the printable height less room for its caption), in points. */
  maxHeight: number
  /** More rows than this in any lane and the period is split. */
  maxRowsPerLane?: number
}

export const DEFAULT_MAX_ROWS = 3

export function layoutOverview(
  events: readonly OverviewEvent[],
  lanes: readonly OverviewLaneInput[],
  options: OverviewOptions
): OverviewFigure {
  const S = OVERVIEW_STYLE
  const width = options.width
  const { gutter, plot } = overviewPlot(width)
  const { x: plotX, width: plotWidth } = plot
  const maxRows = Math.max(1, options.maxRowsPerLane ?? DEFAULT_MAX_ROWS)
  const laneById = new Map(lanes.map((lane) => [lane.id, lane]))
  const timed = events
    .map(toTimed)
    .filter((t): t is Timed => t !== null && laneById.has(t.event.laneId))
    .sort((a, b) => a.t0 - b.t0 || a.event.number - b.event.number)
  const figure = emptyFigure(width, gutter)
  if (!timed.length) return figure

  const titleLines = new Map(
    lanes.map((lane) => [lane.id, wrapText(lane.title, gutter - 12, S.laneTitleSize, 3)] as const)
  )

  function split(period: Period): { owned: Timed[]; continued: Timed[] } {
    const owned: Timed[] = []
    const continued: Timed[] = []
    for (const t of timed) {
      if (t.t0 >= period.start && t.t0 < period.end) owned.push(t)
      else if (t.t0 < period.start && t.t1 > period.start) continued.push(t)
    }
    return { owned, continued }
  }

  function fits(owned: Timed[], continued: Timed[], period: Period): boolean {
    const all = placeMarks(owned, continued, period, plot, laneById)
    const alone = placeMarks([], continued, period, plot, laneById)
    for (const [laneId, rows] of all) if (rows.length > maxRows + (alone.get(laneId)?.length ?? 0)) return false
    return true
  }

  const periods: { period: Period; owned: Timed[]; continued: Timed[]; part?: [number, number] }[] = []

  /** Joins neighbouring cells while the panel fits; cuts a cell that does not fit alone more finely. */
  function cut(start: number, end: number, unit: TimeUnit): void {
    let current: Period | null = null
    const close = () => {
      const parts = current && split(current)
      // A stretch with nothing in it (beside a day that had to be cut finely) is not drawn.
      if (current && parts && (parts.owned.length || parts.continued.length))
        periods.push({ period: current, ...parts })
      current = null
    }
    for (const cell of cells(start, end, unit)) {
      if (current) {
        const joined: Period = { start: current.start, end: cell.end, unit }
        const parts = split(joined)
        if (fits(parts.owned, parts.continued, joined)) {
          current = joined
          continue
        }
        close()
      }
      const alone: Period = { ...cell, unit }
      const parts = split(alone)
      if (fits(parts.owned, parts.continued, alone)) current = alone
      else if (unit === 'year') cut(cell.start, cell.end, 'month')
      else if (unit === 'month') cut(cell.start, cell.end, 'day')
      else splitByEvents(alone, parts.owned, parts.continued)
    }
    close()
  }

  /** The last resort: one day holding more than a lane can show is shown in parts, each event once. */
  function splitByEvents(period: Period, owned: Timed[], continued: Timed[]): void {
    const chunks: Timed[][] = []
    let chunk: Timed[] = []
    for (const t of owned) {
      const candidate = [...chunk, t]
      if (chunk.length && !fits(candidate, chunks.length ? [] : continued, period)) {
        chunks.push(chunk)
        chunk = [t]
      } else chunk = candidate
    }
    if (chunk.length) chunks.push(chunk)
    chunks.forEach((events, index) =>
      periods.push({ period, owned: events, continued: index ? [] : continued, part: [index + 1, chunks.length] })
    )
  }

  const first = timed[0]!.t0
  const last = Math.max(...timed.map((t) => t.t1))
  // Whole months at least: a few days alone would get an axis of hours, which reads as noise.
  cut(first, last, cells(first, last, 'year').length >= 3 ? 'year' : 'month')

  const figureLanes = lanes.filter((lane) => timed.some((t) => t.event.laneId === lane.id))
  for (const { period, owned, continued, part } of periods) {
    const rows = placeMarks(owned, continued, period, plot, laneById)
    const axisBaseline = 0 // placed below the lanes once their height is known
    const span = timeSpan(plot)
    const axis = layoutAxis(period.start, period.end, span.x, span.width, S.axisSize, axisBaseline)
    const axisHeight = S.tick + S.axisSize * 1.35 * axis.lines + 4
    const heights = figureLanes.map((lane) =>
      laneHeight(rows.get(lane.id)?.length ?? 0, titleLines.get(lane.id)!.length)
    )
    // A panel taller than the page is cut between lanes (only with very many lanes).
    const groups: OverviewLaneInput[][] = [[]]
    let used = S.top + axisHeight
    figureLanes.forEach((lane, index) => {
      const current = groups.at(-1)!
      if (current.length && used + heights[index]! > options.maxHeight) {
        groups.push([])
        used = S.top + axisHeight
      }
      groups.at(-1)!.push(lane)
      used += heights[index]!
    })
    for (const group of groups)
      figure.panels.push(panel(period, group, rows, axis, axisHeight, part, groups.length > 1 ? group : null))
  }
  if (figure.panels.length > 1)
    figure.note = `The overview is drawn in ${figure.panels.length} parts so that every event's number stays legible.`
  return figure

  function laneHeight(rows: number, lines: number): number {
    return Math.max(Math.max(rows, 1) * S.rowHeight, lines * S.laneTitleLine) + 2 * S.lanePadding
  }

  function panel(
    period: Period,
    group: OverviewLaneInput[],
    rows: Map<string, Pending[][]>,
    axis: AxisLayout,
    axisHeight: number,
    part: [number, number] | undefined,
    laneGroup: OverviewLaneInput[] | null
  ): OverviewPanel {
    const lanesOut: OverviewLane[] = []
    const marks: OverviewMark[] = []
    let y = S.top
    for (const lane of group) {
      const laneRows = rows.get(lane.id) ?? []
      const lines = titleLines.get(lane.id)!
      const height = laneHeight(laneRows.length, lines.length)
      lanesOut.push({
        id: lane.id,
        titleLines: lines,
        color: lane.color,
        ink: lane.ink,
        y,
        height,
        rows: Math.max(1, laneRows.length)
      })
      // Rows are centred in a band that its title made taller than they need.
      const top = y + (height - laneRows.length * S.rowHeight) / 2
      marks.push(...rowMarks(laneRows, top))
      y += height
    }
    const plot = { x: plotX, y: S.top, width: plotWidth, height: y - S.top }
    const baseline = y + S.tick + S.axisSize + 1
    const axisLabels = axis.labels.map((label) => ({ ...label, y: label.y + baseline }))
    const labelled = marks.filter((m) => m.label).map((m) => m.number)
    let caption = periodCaption(period)
    if (part) caption += ` (part ${part[0]} of ${part[1]})`
    if (laneGroup)
      caption += ` — ${laneGroup.length === 1 ? 'lane' : 'lanes'} ${laneGroup.map((l) => l.title).join(', ')}`
    return {
      caption,
      startMs: period.start,
      endMs: period.end,
      width,
      height: y + axisHeight,
      plot,
      lanes: lanesOut,
      ticks: axis.ticks,
      axisLabels,
      marks: marks.sort((a, b) => a.number - b.number),
      numbers: labelled.length ? { first: Math.min(...labelled), last: Math.max(...labelled) } : null
    }
  }
}

/** A figure with no panels yet, in the overview's type sizes. */
export function emptyFigure(width: number, gutter: number): OverviewFigure {
  const S = OVERVIEW_STYLE
  return {
    width,
    gutter,
    numberSize: S.numberSize,
    laneTitleSize: S.laneTitleSize,
    axisSize: S.axisSize,
    panels: [],
    note: null
  }
}

/** The lane-title column and the plot to its right, for a figure this wide (points). */
export function overviewPlot(width: number): { gutter: number; plot: { x: number; width: number } } {
  const gutter = Math.round(Math.min(120, Math.max(80, width * 0.18)))
  return { gutter, plot: { x: gutter, width: width - gutter - 4 } }
}

/** "2014–2021", "January – April 2025", "5–12 March 2022". */
export function periodCaption(period: Period): string {
  const unit = period.unit === 'hour' ? 'day' : period.unit
  const last = addUnits(period.end, unit, -1)
  return formatEventDate(isoAt(period.start, unit), isoAt(last, unit))
}
