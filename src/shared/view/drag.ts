import { readDate } from '../model/dates'
import type { TimelineItem } from '../model/schema'

const DAY = 86_400_000
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The day (or month, or year) containing `time`, as an EDTF date. */
export function dateAt(time: number, precision: 'year' | 'month' | 'day'): string {
  const iso = new Date(time).toISOString()
  return iso.slice(0, { year: 4, month: 7, day: 10 }[precision])
}

/**
 * A date moved by `delta` milliseconds in whole steps of its own precision, keeping its form: a
 * month moves by months, "spring 2014?" by seasons and stays uncertain, "201X" by decades, a time
 * by minutes in its own offset. Unchanged when the move is under half a step or leaves years 1–9999.
 */
export function shiftDate(value: string, delta: number): string {
  const date = readDate(value)
  if (!date) return value
  const qualifier = /[~?%]$/.test(value) ? value.slice(-1) : ''
  const start = new Date(date.earliest)
  const year = start.getUTCFullYear()
  const month = start.getUTCMonth()
  const inYears = (y: number, body: string) => (y >= 1 && y <= 9999 ? body : value)
  if (date.precision === 'second') {
    const offset = (date.offsetMinutes ?? 0) * 60_000
    const moved = new Date(date.earliest + Math.round(delta / 60_000) * 60_000 + offset)
    return inYears(moved.getUTCFullYear(), `${moved.toISOString().slice(0, 19)}${value.slice(19)}`)
  }
  if (date.unspecified) {
    // Only the known digits move: 201X by decades, 20XX by centuries, 2014-XX by years, 2014-04-XX by months.
    const xs = value.length === 4 ? 4 - value.indexOf('X') : 0
    if (xs) {
      const step = 10 ** xs
      const n = Math.round(delta / (step * 365.25 * DAY))
      const known = Math.floor(year / step) + n
      return inYears(known * step, `${String(known).padStart(4 - xs, '0')}${'X'.repeat(xs)}`)
    }
    if (value.slice(5, 7) === 'XX') {
      const y = year + Math.round(delta / (365.25 * DAY))
      return inYears(y, `${pad(y, 4)}${value.slice(4)}`)
    }
    const moved = new Date(Date.UTC(2000, month + Math.round(delta / (30.44 * DAY)), 1))
    moved.setUTCFullYear(year + moved.getUTCFullYear() - 2000)
    return inYears(moved.getUTCFullYear(), `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-XX`)
  }
  if (date.precision === 'season' || date.precision === 'quarter') {
    const code = Number(value.slice(5, 7))
    const first = date.precision === 'season' ? 21 : 33
    const index = Number(value.slice(0, 4)) * 4 + (code - first) + Math.round(delta / (91.31 * DAY))
    const y = Math.floor(index / 4)
    return inYears(y, `${pad(y, 4)}-${first + (index % 4)}${qualifier}`)
  }
  if (date.precision === 'year') {
    const y = year + Math.round(delta / (365.25 * DAY))
    return inYears(y, `${pad(y, 4)}${qualifier}`)
  }
  if (date.precision === 'month') {
    const months = year * 12 + month + Math.round(delta / (30.44 * DAY))
    const y = Math.floor(months / 12)
    return inYears(y, `${pad(y, 4)}-${pad((months % 12) + 1)}${qualifier}`)
  }
  const moved = new Date(date.earliest + Math.round(delta / DAY) * DAY)
  return inYears(moved.getUTCFullYear(), `${moved.toISOString().slice(0, 10)}${qualifier}`)
}

/**
 * Where a dragged event lands, as dates of its own precision and form. `start` and `end` are the
 * times the timeline shows for it after the drag: a day or time point at its start, a vaguer point
 * in the middle of its span, a range over [start of its first date, end of its last).
 */
export function droppedDates(
  item: Pick<TimelineItem, 'kind' | 'start' | 'end'>,
  start: number,
  end?: number
): { start: string; end?: string } {
  const from = readDate(item.start)
  if (!from) return { start: item.start, ...(item.end === undefined ? {} : { end: item.end }) }
  if (item.kind === 'point' || end === undefined || item.end === undefined) {
    const vague = from.unspecified || (from.precision !== 'day' && from.precision !== 'second')
    const shown = vague ? (from.earliest + from.latest) / 2 : from.earliest
    return { start: shiftDate(item.start, start - shown) }
  }
  const to = readDate(item.end)
  const newStart = shiftDate(item.start, start - from.earliest)
  let newEnd = to ? shiftDate(item.end, end - to.latest) : item.end
  // An end dragged before the start moves with the start instead, the event keeping its length.
  const startDate = readDate(newStart)
  const endDate = readDate(newEnd)
  if (startDate && endDate && endDate.latest <= startDate.earliest)
    newEnd = shiftDate(item.end, startDate.earliest - from.earliest)
  return { start: newStart, end: newEnd }
}
