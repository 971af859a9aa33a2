/**
 * Dates as people type them into spreadsheets, read into Chronotes dates at the precision they
 * are written in: "2025" is a year, "Mar 2025" a month, "5 March 2025" and "03/05/2025" days,
 * "2025-03-05T14:30+02:00" a time (to the second, in its own offset). Times without a zone are taken as UTC.
 *
 * Numeric dates like 03/04/2025 are day/month in most of the world and month/day in the US; a
 * value is never guessed. A column is settled by a value only one order can read (13/04/2025),
 * otherwise the user picks the order for the column.
 */
import type { Precision } from '../model/dates'
import { isEdtf } from '../model/edtf'

export type DateOrder = 'day-month' | 'month-day'

export interface LooseDate {
  /** The EDTF date string, written at `precision`. */
  value: string
  precision: Precision
  /** What the reading assumed, each said once per file by the reader ("seasons are northern"). */
  assumed?: string[]
  /** Set when the text says more than the EDTF date can ("early March 2025"): keep it as the date as given. */
  saysMore?: boolean
}

export type LooseDateResult =
  | { ok: true; date: LooseDate }
  /** `ambiguous`: a numeric date both orders could read differently, and no order was given. */
  | { ok: false; ambiguous: boolean; message: string }

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december'
]
const MONTHS = new Map<string, number>()
MONTH_NAMES.forEach((name, index) => {
  MONTHS.set(name, index + 1)
  MONTHS.set(name.slice(0, 3), index + 1)
})
MONTHS.set('sept', 9)
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i

const ISO_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?$/
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/
/** A cheap first look, so that scanning a large column for day/month dates stays fast. */
const NUMERIC_START = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}/
const MONTH_YEAR = /^(\d{1,2})[-/.](\d{4})$/
const TRAILING_TIME =
  /(?:,?\s+|T)(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?\s*(?:UTC|GMT|Z)?$/i

const CIRCA = /^(?:c\.|ca\.|circa|about|around|approx\.|approximately)\s*/i
const PART = /^(early|mid|late|beginning of|end of|spring of)[- ]\s*/i
const SEASONS: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 }
const SEASON = /^(spring|summer|autumn|fall|winter),?\s+(\d{4})$/i
const QUARTER = /^(?:Q([1-4]),?\s*(\d{4})|(\d{4}),?\s*Q([1-4]))$/i
/** Place names people write times in ("14:30 Kyiv time"), read with the place's offset on that day. */
const PLACE_ZONES: Record<string, string> = {
  kyiv: 'Europe/Kyiv',
  kiev: 'Europe/Kyiv',
  moscow: 'Europe/Moscow',
  london: 'Europe/London',
  berlin: 'Europe/Berlin',
  paris: 'Europe/Paris',
  brussels: 'Europe/Brussels',
  warsaw: 'Europe/Warsaw',
  washington: 'America/New_York',
  'new york': 'America/New_York'
}
const PLACE_TIME = new RegExp(`\\s+(${Object.keys(PLACE_ZONES).join('|')})\\s+time$`, 'i')
const NUMERIC_ZONE = /\s*(?:UTC|GMT)?\s*([+-]\d{2}:?\d{2})$/i

/**
 * Reads one cell into EDTF. `order` is the column's day/month order, when it is known. Beyond
 * plain dates: "c. 2016", "circa", "ca.", "about" → 2016~; "2016?" → 2016?; "Q1 2022" → 2022-33;
 * "spring 2014?" → 2014-21? (northern seasons); "early March 2025" → 2025-03, the words kept;
 * "2025-03-05 14:30 Kyiv time" or "+02:00" → the time in that offset, seconds kept.
 */
export function parseLooseDate(input: string, order?: DateOrder): LooseDateResult {
  let text = input.trim().replace(/\s+/g, ' ')
  const assumed: string[] = []
  let saysMore = false
  const uncertain = /\s*\?$/.test(text)
  if (uncertain) text = text.replace(/\s*\?$/, '')
  const approximate = CIRCA.test(text)
  if (approximate) {
    text = text.replace(CIRCA, '')
    assumed.push('"c.", "circa", "ca." and "about" were read as approximate (EDTF ~)')
  }
  const part = PART.exec(text)
  if (part) {
    text = text.slice(part[0].length)
    saysMore = true
    assumed.push(`"${part[1]!.toLowerCase()} …" was read as the whole period; the words are kept as the date as given`)
  }
  const qualifier = approximate && uncertain ? '%' : approximate ? '~' : uncertain ? '?' : ''
  const finish = (result: LooseDateResult): LooseDateResult => {
    if (!result.ok) return result
    const { value, precision } = result.date
    if (qualifier && precision === 'second')
      return invalid('is a time marked approximate or uncertain, which EDTF cannot say')
    const date: LooseDate = { value: value + qualifier, precision }
    if (assumed.length) date.assumed = assumed
    if (saysMore) date.saysMore = true
    return qualifier && !isEdtf(date.value) ? invalid('is not a date Chronotes can read') : { ok: true, date }
  }
  const season = SEASON.exec(text)
  if (season) {
    assumed.push('seasons were read as northern-hemisphere seasons (spring = March to May)')
    return finish(checked(`${season[2]}-${SEASONS[season[1]!.toLowerCase()]}`, 'season'))
  }
  const quarter = QUARTER.exec(text)
  if (quarter) return finish(checked(`${quarter[2] ?? quarter[3]}-${32 + Number(quarter[1] ?? quarter[4])}`, 'quarter'))
  const place = PLACE_TIME.exec(text)
  if (place) {
    const result = parsePlainDate(text.slice(0, place.index), order)
    if (!result.ok || result.date.precision !== 'second' || !result.date.value.endsWith('Z')) return finish(result)
    const zone = PLACE_ZONES[place[1]!.toLowerCase()]!
    const offset = offsetIn(zone, result.date.value)
    assumed.push(`"${place[1]} time" was read as the offset ${zone} has on that day (${offset})`)
    saysMore = true
    return finish({ ok: true, date: { value: result.date.value.replace(/Z$/, offset), precision: 'second' } })
  }
  const numeric = /:\d{2}/.test(text) && !ISO_TIME.test(text) ? NUMERIC_ZONE.exec(text) : null
  if (numeric) {
    const offset = edtfOffset(numeric[1])
    const result = parsePlainDate(text.slice(0, numeric.index), order)
    if (!offset || !result.ok || result.date.precision !== 'second') return finish(result)
    return finish({ ok: true, date: { value: result.date.value.replace(/Z$/, offset), precision: 'second' } })
  }
  return finish(parsePlainDate(text, order))
}

/** The UTC offset ("+02:00") a time zone has at a wall-clock time written as "…Z". */
function offsetIn(zone: string, wallClock: string): string {
  const instant = Date.parse(wallClock)
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  return name === 'GMT' ? '+00:00' : name.slice(3)
}

function parsePlainDate(input: string, order?: DateOrder): LooseDateResult {
  const text = input.trim().replace(/\s+/g, ' ')
  if (!text) return invalid('is empty')
  if (text.length > 80) return invalid('is not a date')
  if (/^\d{3,4}$/.test(text)) return checked(text.padStart(4, '0'), 'year')

  const iso = ISO_TIME.exec(text)
  if (iso) return isoTime(iso)

  let rest = text
  let time: { hour: number; minute: number; second: number } | null = null
  const trailing = TRAILING_TIME.exec(rest)
  if (trailing) {
    time = clockTime(trailing)
    if (!time) return invalid(`has a time Chronotes cannot read ("${trailing[0].trim()}")`)
    rest = rest.slice(0, trailing.index).trim()
  }

  const parts = datePart(rest, order)
  if (!parts.ok) return parts
  const { year, month, day } = parts
  if (month === undefined) return time ? invalid('has a time but no day') : checked(pad(year, 4), 'year')
  const ym = `${pad(year, 4)}-${pad(month, 2)}`
  if (day === undefined) return time ? invalid('has a time but no day') : checked(ym, 'month')
  const ymd = `${ym}-${pad(day, 2)}`
  if (!time) return checked(ymd, 'day')
  return checked(`${ymd}T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}Z`, 'second')
}

type DateParts = { ok: true; year: number; month?: number; day?: number } | Extract<LooseDateResult, { ok: false }>

function datePart(text: string, order: DateOrder | undefined): DateParts {
  const yearFirst = YEAR_FIRST.exec(text)
  if (yearFirst) {
    const [, year, , month, day] = yearFirst
    return { ok: true, year: Number(year), month: Number(month), ...(day ? { day: Number(day) } : {}) }
  }
  const monthYear = MONTH_YEAR.exec(text)
  if (monthYear) return { ok: true, year: Number(monthYear[2]), month: Number(monthYear[1]) }
  const numeric = NUMERIC.exec(text)
  if (numeric) return numericParts(Number(numeric[1]), Number(numeric[3]), fullYear(numeric[4]!), order)
  return wordParts(text)
}

/** d/m/y or m/d/y: read the only way possible, or the column's way, or not at all. */
function numericParts(first: number, second: number, year: number, order: DateOrder | undefined): DateParts {
  const dayFirst = first > 12 && second <= 12
  const monthFirst = second > 12 && first <= 12
  if (order === 'month-day' && dayFirst) return invalid(`is not a month/day date (there is no month ${first})`)
  if (order === 'day-month' && monthFirst) return invalid(`is not a day/month date (there is no month ${second})`)
  const chosen: DateOrder | undefined = dayFirst
    ? 'day-month'
    : monthFirst
      ? 'month-day'
      : first === second
        ? 'day-month'
        : order
  if (!chosen) {
    const dm = `${first} ${capitalise(MONTH_NAMES[second - 1] ?? '')}`
    const md = `${capitalise(MONTH_NAMES[first - 1] ?? '')} ${second}`
    if (first > 12 || second > 12 || first < 1 || second < 1) return invalid('is not a real date')
    return {
      ok: false,
      ambiguous: true,
      message: `could be ${dm} or ${md}; choose the day/month order for this column`
    }
  }
  return chosen === 'day-month'
    ? { ok: true, year, month: second, day: first }
    : { ok: true, year, month: first, day: second }
}

/** "March 5, 2025", "5 March 2025", "5th of Mar. 2025", "Mar 2025", "Wednesday, 5 March 2025". */
function wordParts(text: string): DateParts {
  const words = text
    .toLowerCase()
    .replace(WEEKDAY, '')
    .replace(/[,.]/g, ' ')
    .split(' ')
    .filter((w) => w && w !== 'of' && w !== 'the')
  let month: number | undefined
  const numbers: string[] = []
  for (const word of words) {
    const named = MONTHS.get(word)
    if (named !== undefined && month === undefined) month = named
    else if (/^\d{1,4}(st|nd|rd|th)?$/.test(word)) numbers.push(word.replace(/\D/g, ''))
    else return invalid('is not a date Chronotes can read')
  }
  if (month === undefined) return invalid('is not a date Chronotes can read')
  const [a, b] = numbers
  if (numbers.length === 1 && a!.length === 4) return { ok: true, year: Number(a), month }
  if (numbers.length === 2 && a!.length <= 2 && b!.length === 4)
    return { ok: true, year: Number(b), month, day: Number(a) }
  return invalid('is not a date Chronotes can read')
}

/** An ISO date and time, kept in its own offset and to the second ("+02:00" stays +02:00). */
function isoTime(match: RegExpExecArray): LooseDateResult {
  const [, year, month, day, hour, minute, second, zone] = match
  const offset = edtfOffset(zone)
  if (offset === null) return invalid(`has a time zone Chronotes cannot read`)
  const date = `${year}-${pad(Number(month), 2)}-${pad(Number(day), 2)}`
  return checked(`${date}T${pad(Number(hour), 2)}:${minute}:${second ?? '00'}${offset}`, 'second')
}

/** "Z" for UTC, or the offset as EDTF writes it ("+02:00"); null beyond ±14:00, which no place uses. */
export function edtfOffset(zone: string | undefined): string | null {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 'Z'
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!match) return null
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return minutes > 14 * 60 ? null : `${match[1]}${match[2]}:${match[3] ?? '00'}`
}

function clockTime(match: RegExpExecArray): { hour: number; minute: number; second: number } | null {
  let hour = Number(match[1])
  const minute = Number(match[2])
  const second = Number(match[3] ?? 0)
  const meridiem = match[4]?.toLowerCase().replace(/\./g, '')
  if (meridiem) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0)
  }
  return hour > 23 || minute > 59 || second > 59 ? null : { hour, minute, second }
}

/** Two-digit years as spreadsheets read them: 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(text: string): number {
  const year = Number(text)
  return text.length === 4 ? year : year < 30 ? 2000 + year : 1900 + year
}

function checked(value: string, precision: Precision): LooseDateResult {
  return isEdtf(value) ? { ok: true, date: { value, precision } } : invalid('is not a real date')
}

function invalid(message: string): Extract<LooseDateResult, { ok: false }> {
  return { ok: false, ambiguous: false, message }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** Whether a cell looks like a numeric day/month date, and which orders could read it. */
function numericOrders(value: string): { dayMonth: boolean; monthDay: boolean; differ: boolean } | null {
  const text = value.trim()
  if (!NUMERIC_START.test(text)) return null
  const trailing = TRAILING_TIME.exec(text)
  const match = NUMERIC.exec(trailing ? text.slice(0, trailing.index).trim() : text)
  if (!match) return null
  const first = Number(match[1])
  const second = Number(match[3])
  return { dayMonth: second <= 12, monthDay: first <= 12, differ: first !== second }
}

export interface DateColumnOrder {
  /** Some values could be read either way and nothing in the column settles which. */
  ambiguous: boolean
  /** The order the column's own values settle, when only one order reads them all. */
  settled?: DateOrder
}

/** Looks at every value of a column: can its numeric dates be read one way only? */
export function dateColumnOrder(values: Iterable<string>): DateColumnOrder {
  let either = false
  let dayMonthOnly = false
  let monthDayOnly = false
  for (const value of values) {
    if (!value) continue
    const orders = numericOrders(value)
    if (!orders) continue
    if (orders.dayMonth && orders.monthDay) either ||= orders.differ
    else if (orders.dayMonth) dayMonthOnly = true
    else if (orders.monthDay) monthDayOnly = true
  }
  if (dayMonthOnly !== monthDayOnly) return { ambiguous: false, settled: dayMonthOnly ? 'day-month' : 'month-day' }
  // Both orders appear (a column mixing conventions): the user decides the values that could be either.
  return { ambiguous: either }
}
