/**
 * Where the overview's marks go within one panel: each event's marker and bar from its dates, and
 * the rows of its lane, first fit by left edge, so that no two marks in a row touch.
 */
import { isVague, readDate } from '../model/dates'
import type { OverviewEvent, OverviewLaneInput } from './overview'
import type { MarkStyle, OverviewMark } from './overview-types'
import { digitsWidth } from './text-metrics'
import type { TimeUnit } from './time-units'

export const OVERVIEW_STYLE = {
  numberSize: 6.5,
  laneTitleSize: 7,
  axisSize: 6.5,
  /** A marker's height, and the room its number has either side. */
  markerHeight: 9,
  markerPadding: 2.2,
  rowHeight: 11,
  lanePadding: 2,
  laneTitleLine: 8.4,
  /** The least space between two markers in one row. */
  gap: 1.5,
  minBar: 1.5,
  top: 2,
  tick: 3,
  /**
   * Time is drawn this far inside the plot at either end, so that a marker on the first or last
   * day of the period is centred on its date and still clears the lane titles and the panel's edge.
   */
  inset: 6,
  /** The least room between any marker or bar and the plot's edges. */
  edge: 2
} as const

export interface Timed {
  event: OverviewEvent
  style: MarkStyle
  t0: number
  t1: number
}

export interface Period {
  start: number
  end: number
  unit: TimeUnit
}

/** A mark before it is given its row. */
export type Pending = Omit<OverviewMark, 'row' | 'y' | 'label'> & {
  label: { x: number; width: number; text: string } | null
  left: number
  right: number
}

/** Each row's marks, on the centre line of their row; the band's rows start at `top`. */
export function rowMarks(rows: Pending[][], top: number): OverviewMark[] {
  return rows.flatMap((row, index) => {
    const centre = top + (index + 0.5) * OVERVIEW_STYLE.rowHeight
    return row.map(({ left: _l, right: _r, label, ...mark }) => ({
      ...mark,
      row: index,
      y: centre,
      label: label && { ...label, y: centre - OVERVIEW_STYLE.markerHeight / 2, height: OVERVIEW_STYLE.markerHeight }
    }))
  })
}

/** The plot's left edge and width, in points. */
export interface Plot {
  x: number
  width: number
}

const S = OVERVIEW_STYLE

/** Where the period's start and end fall: the plot less its inset at either end. */
export function timeSpan(plot: Plot): Plot {
  return { x: plot.x + S.inset, width: plot.width - 2 * S.inset }
}

/** Each lane's marks for these events in this period, in rows: the first row first. */
export function placeMarks(
  owned: Timed[],
  continued: Timed[],
  period: Period,
  plot: Plot,
  laneById: ReadonlyMap<string, OverviewLaneInput>
): Map<string, Pending[][]> {
  const span = timeSpan(plot)
  const toX = (t: number) => span.x + ((t - period.start) / (period.end - period.start)) * span.width
  const byLane = new Map<string, Pending[]>()
  const continuations = new Set(continued)
  for (const entry of [...continued, ...owned]) {
    const lane = laneById.get(entry.event.laneId)!
    const pending = placeMark(entry, period, plot, toX, lane, continuations.has(entry))
    const list = byLane.get(lane.id) ?? []
    list.push(pending)
    byLane.set(lane.id, list)
  }
  const rows = new Map<string, Pending[][]>()
  for (const [laneId, list] of byLane) rows.set(laneId, assignRows(list))
  return rows
}

export function placeMark(
  entry: Timed,
  period: Period,
  plot: Plot,
  toX: (t: number) => number,
  lane: OverviewLaneInput,
  continuation: boolean
): Pending {
  const { event, style } = entry
  const labelWidth = digitsWidth(String(event.number).length, S.numberSize) + 2 * S.markerPadding
  const low = plot.x + S.edge
  const high = plot.x + plot.width - S.edge
  const clampLabel = (x: number) => Math.min(Math.max(x, low), high - labelWidth)
  let bar: Pending['bar'] = null
  let labelX: number
  if (style === 'exact') {
    labelX = clampLabel(toX((entry.t0 + entry.t1) / 2) - labelWidth / 2)
  } else {
    let x0 = toX(Math.max(entry.t0, period.start))
    let x1 = toX(Math.min(entry.t1, period.end))
    if (x1 - x0 < S.minBar) {
      const centre = Math.min(Math.max((x0 + x1) / 2, low + S.minBar / 2), high - S.minBar / 2)
      x0 = centre - S.minBar / 2
      x1 = centre + S.minBar / 2
    }
    bar = { x0, x1, cutStart: entry.t0 < period.start, cutEnd: entry.t1 > period.end }
    labelX = clampLabel(style === 'approximate' ? (x0 + x1) / 2 - labelWidth / 2 : x0)
  }
  const label = continuation ? null : { x: labelX, width: labelWidth, text: String(event.number) }
  const left = Math.min(label?.x ?? Infinity, bar?.x0 ?? Infinity)
  const right = Math.max(label ? label.x + label.width : -Infinity, bar?.x1 ?? -Infinity)
  return {
    itemId: event.id,
    number: event.number,
    laneId: lane.id,
    style,
    // "c. 2016", "2016?": the marker is drawn with a dashed outline.
    ...(/[~?%]$/.test(event.start) || /[~?%]$/.test(event.end ?? '') ? { doubt: true } : {}),
    color: lane.color,
    ink: lane.ink,
    bar,
    label,
    left,
    right
  }
}

/** First fit in order of left edge: as few rows as the overlaps allow. */
function assignRows(list: Pending[]): Pending[][] {
  const rows: Pending[][] = []
  const ends: number[] = []
  for (const mark of [...list].sort((a, b) => a.left - b.left || a.number - b.number)) {
    let row = ends.findIndex((end) => end + S.gap <= mark.left)
    if (row < 0) {
      row = rows.length
      rows.push([])
      ends.push(-Infinity)
    }
    rows[row]!.push(mark)
    ends[row] = mark.right
  }
  return rows
}

/** Where an event lies in time, and how it is drawn. Null for a date that cannot be read. */
export function toTimed(event: OverviewEvent): Timed | null {
  const start = readDate(event.start)
  const end = event.end ? readDate(event.end) : start
  if (!start || !end) return null
  const style: MarkStyle =
    event.kind === 'range'
      ? 'range'
      : event.kind === 'background'
        ? 'background'
        : isVague(start)
          ? 'approximate'
          : 'exact'
  return { event, style, t0: start.earliest, t1: Math.max(end.latest, start.latest) }
}
