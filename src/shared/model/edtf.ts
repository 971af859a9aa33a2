/**
 * Event dates as EDTF (Extended Date/Time Format, ISO 8601-2), parsed with the `edtf` package.
 *
 * Chronotes accepts these forms (and nothing else, so that every stored date reads one way):
 *   2014  2014-04  2014-04-12                 a year, a month, a day
 *   2016~  2016?  2016%  2014-04~  2014-04-12?  circa, uncertain, both (on the whole date)
 *   2014-21 … 2014-24                         spring, summer, autumn, winter (northern, meteorological)
 *   2022-33 … 2022-36                         first to fourth quarter
 *   (a season or quarter may carry ~ ? % too: 2014-21?)
 *   201X  20XX  2014-XX  2014-04-XX  2014-XX-XX  unspecified digits, from the right only
 *   2025-03-05T14:30:00Z  2025-03-05T14:30:00+02:00   a time, to the second, with Z or an offset
 * Years run from 0001 to 9999. Not accepted: intervals, sets and lists (an event has its own
 * start and end), qualifiers on a part of a date (2014~-04), a time without an offset or seconds.
 *
 * The package reads seasons 21–24 as the quarters of the year; Chronotes reads them as the northern
 * meteorological seasons (spring = March–May, winter = December to February of the next year), so
 * that "spring 2014" means what a reader means. Quarters 33–36 are the package's own.
 */
import edtf, { parse, type ParseResult } from 'edtf'

export const PRECISIONS = ['year', 'season', 'quarter', 'month', 'day', 'second'] as const
export type Precision = (typeof PRECISIONS)[number]

export interface EdtfDate {
  /** The EDTF string, as stored. */
  value: string
  /** The first millisecond the date may mean (UTC). */
  earliest: number
  /** The millisecond after the last one it may mean: [earliest, latest). */
  latest: number
  precision: Precision
  /** ~ or %: "circa". */
  approximate: boolean
  /** ? or %: the source is not sure of it. */
  uncertain: boolean
  /** Some digits are X: the date is known only to a coarser unit. */
  unspecified: boolean
  /** Minutes east of UTC for a time of day (0 for Z); absent for a date without a time. */
  offsetMinutes?: number
}

export type EdtfResult = { ok: true; date: EdtfDate } | { ok: false; message: string }

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
export const SEASONS: Record<number, string> = { 21: 'spring', 22: 'summer', 23: 'autumn', 24: 'winter' }
const QUARTERS: Record<number, string> = { 33: 'Q1', 34: 'Q2', 35: 'Q3', 36: 'Q4' }
/** The first month (0-based) of each northern season; winter runs into the next year. */
const SEASON_START_MONTH: Record<number, number> = { 21: 2, 22: 5, 23: 8, 24: 11 }

const DATE = /^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?([~?%])?$/
const GROUPING = /^(\d{4})-(2[1-4]|3[3-6])([~?%])?$/
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})$/

export const EDTF_EXAMPLES =
  '2014, 2014-04, 2014-04-12, 2016~ (circa), 2016? (uncertain), 2014-21 (spring), 2022-33 (Q1), 201X, or 2025-03-05T14:30:00+02:00'

const FIRST_YEAR = utc(1, 0)

const fail = (message: string): EdtfResult => ({ ok: false, message })

/**
 * Results by string: the view and the schema ask about the same few thousand dates again and
 * again, and the package's parser (nearley) takes tens of microseconds a call. Results are frozen.
 */
const cache = new Map<string, EdtfResult>()
const CACHE_LIMIT = 200_000

/** Reads an EDTF date in one of the forms above; a failure says what is wrong in a sentence. */
export function parseEdtf(value: string): EdtfResult {
  let result = cache.get(value)
  if (!result) {
    result = parseUncached(value)
    if (result.ok) Object.freeze(result.date)
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(value, Object.freeze(result))
  }
  return result
}

function parseUncached(value: string): EdtfResult {
  if (value.length > 40) return fail(`"${value.slice(0, 40)}…" is not a date Chronotes reads; write ${EDTF_EXAMPLES}`)
  if (TIME.test(value)) return parseTime(value)
  const grouping = GROUPING.exec(value)
  if (grouping) return parseGrouping(value, Number(grouping[1]), Number(grouping[2]), grouping[3])
  const date = DATE.exec(value)
  if (date) return parseDate(value, date)
  return fail(explainRefusal(value))
}

/** True when `value` is a date in one of the accepted forms. */
export function isEdtf(value: string): boolean {
  return parseEdtf(value).ok
}

function parseDate(value: string, [, year = '', month, day, qualifier]: RegExpExecArray): EdtfResult {
  if (year.includes('X') ? month !== undefined : month === 'XX' && day !== undefined && day !== 'XX')
    return fail(`"${value}": only the last digits of a date may be X (2014-XX, 201X, 2014-04-XX)`)
  if (qualifier && value.includes('X'))
    return fail(`"${value}": a date with X digits cannot also carry ${qualifier} in EDTF`)
  if (day === undefined && Number(month) > 12)
    return fail(`"${value}": months run from 01 to 12, seasons from 21 to 24, quarters from 33 to 36`)
  if (!year.includes('X') && month !== undefined && month !== 'XX') {
    const [y, m] = [Number(year), Number(month) - 1]
    if (!isCalendarDay(y, m, day === undefined || day === 'XX' ? 1 : Number(day)))
      return fail(calendarMessage(value, y, m))
  }
  const precision = day !== undefined ? 'day' : month !== undefined ? 'month' : 'year'
  // A plain year, month or day (most dates) is checked above and spanned here: the package's
  // parser (nearley) costs about 0.1 ms a date, seconds for a large timeline of distinct days.
  const span = value.includes('X') || qualifier ? packageSpan(value) : plainSpan(year, month, day)
  if (!span) return fail(`"${value}" is not a date of the calendar`)
  if (span.min < FIRST_YEAR) return fail(`"${value}": years run from 0001 to 9999`)
  return spanned(value, span, precision, qualifier)
}

function packageSpan(value: string): { min: number; max: number } | null {
  const parsed = parseWithPackage(value)
  return parsed && edtf(parsed)
}

function plainSpan(year: string, month?: string, day?: string): { min: number; max: number } {
  const [y, m, d] = [Number(year), month === undefined ? 0 : Number(month) - 1, day === undefined ? 1 : Number(day)]
  const min = utc(y, m, d)
  const next = day !== undefined ? utc(y, m, d + 1) : month !== undefined ? utc(y, m + 1) : utc(y + 1, 0)
  return { min, max: next - 1 }
}

function parseGrouping(value: string, year: number, code: number, qualifier?: string): EdtfResult {
  if (year < 1) return fail(`"${value}": years run from 0001 to 9999`)
  const parsed = parseWithPackage(value)
  if (!parsed) return fail(`"${value}" is not a season or quarter EDTF reads`)
  const season = code <= 24
  const span = season
    ? { min: utc(year, SEASON_START_MONTH[code]!), max: utc(year, SEASON_START_MONTH[code]! + 3) - 1 }
    : edtf(parsed)
  return spanned(value, span, season ? 'season' : 'quarter', qualifier)
}

/** A date read: [earliest, latest) from the inclusive span the parsers give. */
function spanned(
  value: string,
  span: { min: number; max: number },
  precision: EdtfDate['precision'],
  qualifier: string | undefined
): EdtfResult {
  const date = { value, earliest: span.min, latest: span.max + 1, precision, ...qualifiers(qualifier) }
  return { ok: true, date: { ...date, unspecified: value.includes('X') } }
}

function parseTime(value: string): EdtfResult {
  const [y, m, d, h, min] = TIME.exec(value)!.slice(1, 6).map(Number) as [number, number, number, number, number]
  if (y < 1 || !isCalendarDay(y, m - 1, d)) return fail(calendarMessage(value, y, m - 1))
  if (h > 23) return fail(`"${value}": hours run from 00 to 23`)
  if (min > 59) return fail(`"${value}": minutes run from 00 to 59`)
  const [second, zone] = [Number(value.slice(17, 19)), value.slice(19)]
  const offsetMinutes =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)))
  if (second > 59 || Math.abs(offsetMinutes) > 14 * 60 || Number(zone.slice(4, 6)) > 59 || zone === '-00:00')
    return fail(`"${value}" is not a time EDTF reads (seconds 00–59, offset up to ±14:00)`)
  // Checked above, so read here rather than by the package's parser (see plainSpan).
  const earliest = utc(y, m - 1, d, h, min, second) - offsetMinutes * 60_000
  return {
    ok: true,
    date: {
      value,
      earliest,
      latest: earliest + 1000,
      precision: 'second',
      approximate: false,
      uncertain: false,
      unspecified: false,
      offsetMinutes
    }
  }
}

function parseWithPackage(value: string): ParseResult | null {
  try {
    // Level 2 reads quarters; seasonUncertainty lets a season or quarter carry ~ ? %.
    const result = parse(value, { level: 2, seasonUncertainty: true, types: ['Date', 'Season'] })
    return result.type === 'Date' || result.type === 'Season' ? result : null
  } catch {
    return null
  }
}

/** Why a string is not an accepted date, as specific as the common mistakes allow. */
function explainRefusal(value: string): string {
  const text = value.trim()
  if (!text) return 'is empty (expected a date like 2014-04-12)'
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/.test(text))
    return `"${value}": write the seconds too, e.g. ${text.slice(0, 10)}T${text.slice(11, 16)}:00${text.slice(16)}`
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(text))
    return `"${value}": a time needs Z (UTC) or an offset like +02:00 after it`
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+/.test(text))
    return `"${value}": fractions of a second are not kept; write whole seconds`
  if (/^\d{4}[~?%]-/.test(text)) return `"${value}": put ~ ? % after the whole date (2014-04~), not inside it`
  if (/^\d{4}-\d{2}-\d{2}T.*[~?%]$/.test(text)) return `"${value}": a time cannot be marked ~ ? % in EDTF`
  return `"${value}" is not a date Chronotes reads; write ${EDTF_EXAMPLES}`
}

function qualifiers(qualifier: string | undefined): Pick<EdtfDate, 'approximate' | 'uncertain'> {
  return { approximate: qualifier === '~' || qualifier === '%', uncertain: qualifier === '?' || qualifier === '%' }
}

/** "2023-02-29" is not a date: February 2023 has 28 days. `month` is 0-based. */
function calendarMessage(value: string, year: number, month: number): string {
  if (month < 0 || month > 11) return `"${value}" is not a date of the calendar`
  const days = new Date(utc(year, month + 1, 0)).getUTCDate()
  return `"${value}" is not a date: ${MONTHS[month]} ${year} has ${days} days`
}

/** `month` is 0-based. Date.UTC rolls 30 February into March: an impossible day changes the month. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 0 || month > 11 || day < 1) return false
  const date = new Date(utc(year, month, day))
  return date.getUTCMonth() === month && date.getUTCDate() === day
}

/** Date.UTC, but years 1–99 mean what they say instead of 1901–1999. Months and days may overflow. */
export function utc(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  date.setUTCHours(hour, minute, second, 0)
  return date.getTime()
}

/**
 * The span an event on this date may fall in: [earliest, latest), widened by one unit of its
 * precision on each side when it is approximate ("c. 2016" may be 2015 or 2017). A date filter
 * uses it; ordering and the timeline use [earliest, latest).
 */
export function possibleSpan(date: EdtfDate): { earliest: number; latest: number } {
  if (!date.approximate) return { earliest: date.earliest, latest: date.latest }
  const from = new Date(date.earliest)
  const to = new Date(date.latest)
  const months = { year: 12, season: 3, quarter: 3, month: 1, day: 0, second: 0 }[date.precision]
  const days = date.precision === 'day' ? 1 : 0
  const shift = (d: Date, sign: number) =>
    utc(d.getUTCFullYear(), d.getUTCMonth() + sign * months, d.getUTCDate() + sign * days)
  return { earliest: shift(from, -1), latest: shift(to, 1) }
}

/** "approximate", "uncertain", "approximate and uncertain", or "" for a date known as written. */
export function qualifierWords(date: Pick<EdtfDate, 'approximate' | 'uncertain'>): string {
  return [date.approximate && 'approximate', date.uncertain && 'uncertain'].filter(Boolean).join(' and ')
}

/**
 * How a reader says the date: "2016", "c. 2016", "spring 2014?", "Q1 2022", "2010s",
 * "5 March 2025, 14:30 UTC+02:00". A time reads in its own offset, as the source wrote it.
 */
export function formatEdtf(date: EdtfDate): string {
  const core = formatCore(date)
  return `${date.approximate ? 'c. ' : ''}${core}${date.uncertain ? '?' : ''}`
}

/** formatEdtf of a string; a value that does not parse is shown as written. */
export function formatEdtfValue(value: string): string {
  const result = parseEdtf(value)
  return result.ok ? formatEdtf(result.date) : value
}

function formatCore(date: EdtfDate): string {
  const { value } = date
  const year = value.slice(0, 4)
  if (date.precision === 'season' || date.precision === 'quarter') {
    const code = Number(value.slice(5, 7))
    return date.precision === 'season' ? `${SEASONS[code]} ${year}` : `${QUARTERS[code]} ${year}`
  }
  if (year.includes('X')) {
    const first = year.replace(/X/g, '0')
    const last = year.replace(/X/g, '9')
    return year.indexOf('X') === 3 ? `${first}s` : `${first}–${last}`
  }
  const y = String(Number(year))
  if (date.precision === 'year') return y
  const monthText = value.slice(5, 7)
  if (monthText === 'XX') return `${y} (${date.precision === 'day' ? 'day' : 'month'} unknown)`
  const month = `${MONTHS[Number(monthText) - 1]} ${y}`
  if (date.precision === 'month') return month
  const dayText = value.slice(8, 10)
  if (dayText === 'XX') return `${month} (day unknown)`
  const day = `${Number(dayText)} ${month}`
  if (date.precision === 'day') return day
  const seconds = value.slice(17, 19)
  const clock = seconds === '00' ? value.slice(11, 16) : value.slice(11, 19)
  const zone = value.slice(19)
  return `${day}, ${clock} UTC${zone === 'Z' ? '' : zone}`
}
