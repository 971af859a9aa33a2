/**
 * Dates that keep their precision. A value is an ISO 8601 string cut to its precision:
 * "2014" (year), "2014-04" (month), "2014-04-12" (day), "2014-04-12T09:30Z" (minute, UTC).
 * "2014-04" means "some time in April 2014", never "1 April 2014".
 */
export const PRECISIONS = ['year', 'month', 'day', 'minute'] as const
export type Precision = (typeof PRECISIONS)[number]

const PATTERNS: Record<Precision, RegExp> = {
  year: /^(\d{4})$/,
  month: /^(\d{4})-(\d{2})$/,
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  minute: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$/
}

export const PRECISION_FORMS: Record<Precision, string> = {
  year: 'YYYY, e.g. 2014',
  month: 'YYYY-MM, e.g. 2014-04',
  day: 'YYYY-MM-DD, e.g. 2014-04-12',
  minute: 'YYYY-MM-DDTHH:MMZ, e.g. 2014-04-12T09:30Z'
}

/** The span of time a date covers at its precision: [start, end) in UTC milliseconds. */
export interface Period {
  start: number
  end: number
}

/** Parses a date written at the given precision; null when it is malformed or impossible (2014-02-30). */
export function parsePeriod(value: string, precision: Precision): Period | null {
  const match = PATTERNS[precision].exec(value)
  if (!match) return null
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0] = match.slice(1).map(Number)
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59) return null
  const start = utc(year, month - 1, day, hour, minute)
  const date = new Date(start)
  // Date.UTC rolls 30 February over into March: an impossible day shows up as a changed month.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null
  const end = {
    year: () => utc(year + 1, 0, 1),
    month: () => utc(year, month, 1),
    day: () => utc(year, month - 1, day + 1),
    minute: () => start + 60_000
  }[precision]()
  return { start, end }
}

/** Date.UTC, but years 1–99 mean what they say instead of 1901–1999. Months and days may overflow. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  date.setUTCHours(hour, minute, 0, 0)
  return date.getTime()
}

/** Which precision a date string is written in, or null if it is none of them. */
export function precisionOf(value: string): Precision | null {
  return PRECISIONS.find((p) => parsePeriod(value, p) !== null) ?? null
}

/** Month names as the app writes dates: "5 March 2025", whatever the system's locale. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
]

/** "2025", "March 2025", "5 March 2025", "5 March 2025, 09:30 UTC": as precise as it is known. */
export function formatDate(value: string, precision: Precision): string {
  const period = parsePeriod(value, precision)
  if (!period) return value
  const d = new Date(period.start)
  const year = String(d.getUTCFullYear())
  const month = MONTHS[d.getUTCMonth()]
  if (precision === 'year') return year
  if (precision === 'month') return `${month} ${year}`
  const day = `${d.getUTCDate()} ${month} ${year}`
  if (precision === 'day') return day
  return `${day}, ${value.slice(11, 16)} UTC`
}

/** A start and optional end as a reader says them, joined by an en dash. */
export function formatDateRange(start: string, end: string | undefined, precision: Precision): string {
  const from = formatDate(start, precision)
  return end && end !== start ? `${from} – ${formatDate(end, precision)}` : from
}
