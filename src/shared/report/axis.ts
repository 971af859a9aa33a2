/**
 * The overview's date axis: the finest labelled ticks whose labels fit (days, months, years or
 * every few years), the next coarser unit on a second line for context ("2022" under the months),
 * and unlabelled minor ticks where they are far enough apart to see.
 */
import { formatDate } from '../model/dates'
import type { OverviewAxisLabel, OverviewTick } from './overview-types'
import { textWidth } from './text-metrics'
import { MONTH_ABBREVIATIONS, addUnits, floorTo, isoAt, type TimeUnit } from './time-units'

interface Step {
  unit: TimeUnit
  count: number
}

/** Fine to coarse; steps of several units fall on round values (every 5 years: 2015, 2020…). */
const STEPS: Step[] = [
  { unit: 'hour', count: 1 },
  { unit: 'hour', count: 3 },
  { unit: 'hour', count: 6 },
  { unit: 'hour', count: 12 },
  { unit: 'day', count: 1 },
  // The 1st, 10th and 20th: where a reader looks for a day in a month.
  { unit: 'day', count: 10 },
  // Quarters are left out on purpose: "Apr Jul Oct" without the months between reads as noise,
  // and years with month ticks say the same more quietly.
  { unit: 'month', count: 1 },
  { unit: 'year', count: 1 },
  { unit: 'year', count: 2 },
  { unit: 'year', count: 5 },
  { unit: 'year', count: 10 },
  { unit: 'year', count: 25 },
  { unit: 'year', count: 50 },
  { unit: 'year', count: 100 },
  { unit: 'year', count: 250 },
  { unit: 'year', count: 500 },
  { unit: 'year', count: 1000 }
]

const CONTEXT: Partial<Record<TimeUnit, TimeUnit>> = { hour: 'day', day: 'month', month: 'year' }
const MINOR: Partial<Record<TimeUnit, TimeUnit>> = { year: 'month', month: 'day' }
/** Space between neighbouring labels, and the least distance between minor ticks worth drawing. */
const LABEL_GAP = 3.5
const MINOR_SPACING = 2.5

export interface AxisLayout {
  ticks: OverviewTick[]
  labels: OverviewAxisLabel[]
  /** How many lines of labels (1 or 2): the axis's height follows from it. */
  lines: number
}

/**
 * Ticks and labels for [start, end) drawn from x over width, labels of `size` points with their
 * first line's baseline at `baseline` (the second line one line lower).
 */
export function layoutAxis(
  start: number,
  end: number,
  x: number,
  width: number,
  size: number,
  baseline: number
): AxisLayout {
  const scale = width / (end - start)
  const toX = (t: number) => x + (t - start) * scale
  const lineGap = size * 1.35
  for (const step of STEPS) {
    const marks = stepTicks(start, end, step)
    // Thousands of ticks: far too fine, and cut short, so that its few labels would say nothing.
    if (!marks) continue
    const labels =
      step.count === 1
        ? intervalLabels(marks, step, toX, x, width, size)
        : pointLabels(marks, step, toX, x, width, size)
    if (!labels) continue
    const ticks = new Map<number, OverviewTick['level']>()
    const minorUnit = step.count === 1 ? MINOR[step.unit] : step.unit
    if (minorUnit) {
      const minor = stepTicks(start, end, { unit: minorUnit, count: 1 }) ?? []
      if (minor.length > 1 && toX(minor[1]!) - toX(minor[0]!) >= MINOR_SPACING)
        for (const t of minor) if (t >= start) ticks.set(t, 'minor')
    }
    for (const t of marks) if (t >= start) ticks.set(t, 'major')
    const placed = labels.map((label) => ({ ...label, y: baseline }))
    let lower: OverviewAxisLabel[] = []
    const context = CONTEXT[step.unit]
    if (context) {
      const contextMarks = stepTicks(start, end, { unit: context, count: 1 }) ?? []
      for (const t of contextMarks) if (t > start) ticks.set(t, 'context')
      lower = contextLabels(contextMarks, context, toX, x, width, size).map((l) => ({ ...l, y: baseline + lineGap }))
    }
    return {
      ticks: [...ticks].sort((a, b) => a[0] - b[0]).map(([t, level]) => ({ x: toX(t), level })),
      labels: [...placed, ...lower],
      lines: lower.length ? 2 : 1
    }
  }
  return { ticks: [], labels: [], lines: 1 }
}

/**
 * The unit boundaries at multiples of the step from the one at or before start, up to end; null
 * for a step so fine that the period holds more than MAX_UNITS of its unit.
 */
function stepTicks(start: number, end: number, step: Step): number[] | null {
  const result: number[] = []
  let t = floorTo(start, step.unit)
  // A few hundred ticks is already far past legible: stop early on an absurd request.
  for (let guard = 0; t < end; guard++) {
    if (guard >= MAX_UNITS) return null
    if (onStep(t, step)) result.push(t)
    t = addUnits(t, step.unit, 1)
  }
  return result
}

const MAX_UNITS = 5000

function onStep(t: number, { unit, count }: Step): boolean {
  if (count === 1) return true
  const d = new Date(t)
  if (unit === 'year') return d.getUTCFullYear() % count === 0
  if (unit === 'month') return d.getUTCMonth() % count === 0
  if (unit === 'day') return d.getUTCDate() === 1 || (d.getUTCDate() % count === 0 && d.getUTCDate() + count <= 31)
  return d.getUTCHours() % count === 0
}

function shortLabel(t: number, unit: TimeUnit): string {
  const d = new Date(t)
  if (unit === 'year') return String(d.getUTCFullYear())
  if (unit === 'month') return MONTH_ABBREVIATIONS[d.getUTCMonth()]!
  if (unit === 'day') return String(d.getUTCDate())
  return `${String(d.getUTCHours()).padStart(2, '0')}:00`
}

type Place = (t: number) => number
type Unplaced = Omit<OverviewAxisLabel, 'y'>

/** One label centred in each whole unit; null when a whole unit is too narrow for its label. */
function intervalLabels(
  marks: number[],
  step: Step,
  toX: Place,
  x: number,
  width: number,
  size: number
): Unplaced[] | null {
  const labels: Unplaced[] = []
  for (const t of marks) {
    const text = shortLabel(t, step.unit)
    const a = Math.max(x, toX(t))
    const b = Math.min(x + width, toX(addUnits(t, step.unit, 1)))
    const needed = textWidth(text, size) + LABEL_GAP
    const whole = toX(t) >= x - 0.01 && toX(addUnits(t, step.unit, 1)) <= x + width + 0.01
    if (b - a < needed) {
      if (whole) return null
      continue // a sliver of a unit at an edge of the panel goes unlabelled
    }
    labels.push({ x: (a + b) / 2, text, anchor: 'middle', strong: false })
  }
  return labels
}

/** A label centred on each tick, when neighbours leave room between them. */
function pointLabels(
  marks: number[],
  step: Step,
  toX: Place,
  x: number,
  width: number,
  size: number
): Unplaced[] | null {
  const labels: Unplaced[] = []
  let right = -Infinity
  for (const t of marks) {
    const text = shortLabel(t, step.unit)
    const half = textWidth(text, size) / 2
    const at = toX(t)
    if (at - half < x || at + half > x + width) continue
    if (at - half < right + LABEL_GAP) return null
    labels.push({ x: at, text, anchor: 'middle', strong: false })
    right = at + half
  }
  return labels
}

/**
 * The coarser unit under the labels ("2022", "March 2022"), centred in what shows of it. One form
 * for the whole line: "Sep 2025" everywhere when "September 2025" would not fit under its month.
 */
function contextLabels(
  marks: number[],
  unit: TimeUnit,
  toX: Place,
  x: number,
  width: number,
  size: number
): Unplaced[] {
  const spans = marks.map((t) => ({
    t,
    a: Math.max(x, toX(t)),
    b: Math.min(x + width, toX(addUnits(t, unit, 1))),
    whole: toX(t) >= x - 0.01 && toX(addUnits(t, unit, 1)) <= x + width + 0.01
  }))
  const forms = contextTexts(marks[0] ?? 0, unit).length
  for (let form = 0; form < forms; form++) {
    const fitsAll = spans.every(
      ({ t, a, b, whole }) => !whole || textWidth(contextTexts(t, unit)[form]!, size, 600) + LABEL_GAP <= b - a
    )
    if (!fitsAll && form < forms - 1) continue
    const labels: Unplaced[] = []
    let right = -Infinity
    for (const { t, a, b } of spans) {
      const text = contextTexts(t, unit)[form]!
      const half = textWidth(text, size, 600) / 2
      const centre = (a + b) / 2
      // A sliver of a unit at the panel's edge, or one too narrow even for the shortest form, goes unnamed.
      if (2 * half + LABEL_GAP > b - a || centre - half < right + LABEL_GAP) continue
      labels.push({ x: centre, text, anchor: 'middle', strong: true })
      right = centre + half
    }
    return labels
  }
  return []
}

/** What the context line may say for a unit, longest first. */
function contextTexts(t: number, unit: TimeUnit): string[] {
  const d = new Date(t)
  const year = String(d.getUTCFullYear())
  const month = MONTH_ABBREVIATIONS[d.getUTCMonth()]!
  if (unit === 'year') return [year]
  if (unit === 'month') return [formatDate(isoAt(t, 'month')), `${month} ${year}`, month]
  return [formatDate(isoAt(t, 'day')), `${d.getUTCDate()} ${month}`]
}
