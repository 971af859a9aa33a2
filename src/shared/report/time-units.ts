/** Calendar units in UTC, for cutting a period into cells and for the axis's ticks. */
export type TimeUnit = 'year' | 'month' | 'day' | 'hour'

export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The start of the unit that holds `time`. */
export function floorTo(time: number, unit: TimeUnit): number {
  const d = new Date(time)
  const y = d.getUTCFullYear()
  const m = unit === 'year' ? 0 : d.getUTCMonth()
  const day = unit === 'year' || unit === 'month' ? 1 : d.getUTCDate()
  const h = unit === 'hour' ? d.getUTCHours() : 0
  return at(y, m, day, h)
}

/** `time` moved by `count` units (calendar arithmetic: months and years are not fixed lengths). */
export function addUnits(time: number, unit: TimeUnit, count: number): number {
  const d = new Date(time)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  const day = d.getUTCDate()
  const h = d.getUTCHours()
  if (unit === 'year') return at(y + count, m, day, h)
  if (unit === 'month') return at(y, m + count, day, h)
  if (unit === 'day') return at(y, m, day + count, h)
  return time + count * 3_600_000
}

/** The smallest whole-unit period holding [start, end). */
export function ceilTo(time: number, unit: TimeUnit): number {
  const floor = floorTo(time, unit)
  return floor === time ? time : addUnits(floor, unit, 1)
}

/** The unit boundaries from floor(start) up to end: [start, end) cut into whole units. */
export function cells(start: number, end: number, unit: TimeUnit): { start: number; end: number }[] {
  const result: { start: number; end: number }[] = []
  for (let t = floorTo(start, unit); t < end;) {
    const next = addUnits(t, unit, 1)
    result.push({ start: t, end: next })
    t = next
  }
  return result
}

/** Date.UTC with years 1–99 meaning themselves; months, days and hours may overflow. */
function at(year: number, month: number, day: number, hour: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month, day)
  d.setUTCHours(hour, 0, 0, 0)
  return d.getTime()
}

/** An ISO date cut to the unit: what formatDate reads at that precision. */
export function isoAt(time: number, unit: TimeUnit): string {
  const iso = new Date(time).toISOString()
  return unit === 'year' ? iso.slice(0, 4) : unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 10)
}
