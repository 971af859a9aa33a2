/**
 * TimelineJS dates are objects of parts ({ year, month?, day?, hour?, minute? }, as numbers or
 * text). Which parts are present says how precise the date is; Chronotes keeps that precision.
 * TimelineJS shows times as written, with no zone; Chronotes reads and writes them as UTC.
 */
import { parsePeriod, readDate, type Precision } from '../model/dates'

export interface DateParts {
  year: number
  month?: number
  day?: number
  hour?: number
  minute?: number
  second?: number
}

/** What each part is called in the file, for problems: "start_date.year" or "End Year". */
export type PartNames = Record<'date' | 'year' | 'month' | 'day' | 'time', string>

export const jsonPartNames = (prefix: string): PartNames => ({
  date: prefix,
  year: `${prefix}.year`,
  month: `${prefix}.month`,
  day: `${prefix}.day`,
  time: `${prefix}.hour`
})

export type PartsResult = { ok: true; parts: DateParts } | { ok: false; field: string; message: string }

const fail = (field: string, message: string): PartsResult => ({ ok: false, field, message })

/** A part as TimelineJS reads it: a whole number, possibly written "1,815" or with spaces; empty is absent. */
function readPart(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return Number.isInteger(value) ? value : null
  if (typeof value !== 'string') return null
  const cleaned = value.replace(/[\s,]+/g, '')
  if (cleaned === '') return undefined
  return /^-?\d{1,9}$/.test(cleaned) ? Number(cleaned) : null
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value === 'object' ? 'an object' : String(value)
}

/** Reads a TimelineJS date object; a problem names the part that is wrong. */
export function readDateObject(raw: unknown, names: PartNames): PartsResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(names.date, raw === undefined ? 'is missing' : 'must be an object with a year')
  }
  const record = raw as Record<string, unknown>
  const parts: Partial<Record<keyof DateParts, number>> = {}
  const fields: [keyof DateParts, string][] = [
    ['year', names.year],
    ['month', names.month],
    ['day', names.day],
    ['hour', names.time],
    ['minute', names.time.replace(/hour$/, 'minute')],
    ['second', names.time.replace(/hour$/, 'second')]
  ]
  for (const [key, field] of fields) {
    const value = readPart(record[key])
    if (value === null) return fail(field, `is ${describe(record[key])}, not a whole number`)
    if (value !== undefined) parts[key] = value
  }
  return checkParts(parts, names)
}

/** Checks ranges and keeps the parts that make a date: a day needs a month, a time needs a day. */
export function checkParts(parts: Partial<DateParts>, names: PartNames): PartsResult {
  const { year, month, day, hour, minute, second } = parts
  if (year === undefined) return fail(names.year, 'is missing')
  if (year < 1 || year > 9999) return fail(names.year, `is ${year}; Chronotes holds years 1 to 9999`)
  const out: DateParts = { year }
  if (month === undefined) return { ok: true, parts: out }
  if (month < 1 || month > 12) return fail(names.month, `is ${month}; a month is 1 to 12`)
  out.month = month
  if (day === undefined) return { ok: true, parts: out }
  if (!parsePeriod(partsToValue({ year, month, day }))) {
    return fail(names.day, `is ${day}; ${partsToValue({ year, month })} has no such day`)
  }
  out.day = day
  if (hour === undefined) return { ok: true, parts: out }
  if (hour < 0 || hour > 23) return fail(names.time, `has hour ${hour}; an hour is 0 to 23`)
  if (minute !== undefined && (minute < 0 || minute > 59)) {
    return fail(names.time.replace(/hour$/, 'minute'), `is ${minute}; a minute is 0 to 59`)
  }
  if (second !== undefined && (second < 0 || second > 59)) {
    return fail(names.time.replace(/hour$/, 'second'), `is ${second}; a second is 0 to 59`)
  }
  out.hour = hour
  out.minute = minute ?? 0
  out.second = second ?? 0
  return { ok: true, parts: out }
}

export function precisionOfParts(parts: DateParts): Precision {
  if (parts.hour !== undefined) return 'second'
  if (parts.day !== undefined) return 'day'
  if (parts.month !== undefined) return 'month'
  return 'year'
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The EDTF date for these parts, as precise as they are; a time is UTC, as TimelineJS times have no zone. */
export function partsToValue(parts: DateParts): string {
  const year = pad(parts.year, 4)
  if (parts.month === undefined) return year
  const month = `${year}-${pad(parts.month)}`
  if (parts.day === undefined) return month
  const day = `${month}-${pad(parts.day)}`
  if (parts.hour === undefined) return day
  return `${day}T${pad(parts.hour)}:${pad(parts.minute ?? 0)}:${pad(parts.second ?? 0)}Z`
}

/**
 * The TimelineJS parts nearest to an EDTF date, which TimelineJS cannot say in full: a season or
 * quarter becomes its first month, X digits become 0, a time is moved to UTC, qualifiers are
 * dropped. The writers carry the EDTF itself alongside (see carry.ts).
 */
export function valueToParts(value: string): DateParts {
  const date = readDate(value)
  if (!date) return { year: Number(value.slice(0, 4)) || 1 }
  const start = new Date(date.earliest)
  // With X digits, only the parts before the first X are known: 2014-XX is a year, 2014-04-XX a month.
  const known = !date.unspecified ? date.precision : value.slice(5, 7) === 'XX' || value.length === 4 ? 'year' : 'month'
  const parts: DateParts = { year: start.getUTCFullYear() }
  if (known === 'year') return parts
  parts.month = start.getUTCMonth() + 1
  if (known !== 'day' && known !== 'second') return parts
  parts.day = start.getUTCDate()
  if (known === 'day') return parts
  return { ...parts, hour: start.getUTCHours(), minute: start.getUTCMinutes(), second: start.getUTCSeconds() }
}

/**
 * A spreadsheet's Time cell ("9:30", "9:30 PM", "1405", "21:05:30") as hour and minute, the way
 * TimelineJS reads it, seconds kept (a fraction of a second is dropped).
 */
export function parseTimeText(text: string): { hour: number; minute: number; second: number } | null {
  let rest = text.trim()
  // No time is longer; and the pattern below would backtrack over a long run of spaces.
  if (rest.length > 20) return null
  const period = /\s*([AaPp])\.?\s*[Mm]\.?\s*$/.exec(rest)
  if (period) rest = rest.slice(0, period.index).trim()
  const compact = /^(\d{1,2})(\d{2})$/.exec(rest)
  const pieces = compact ? compact.slice(1) : rest.split(rest.includes(':') ? ':' : '.')
  if (pieces.length > 3 || !pieces.every((p) => /^\d{1,2}(?:[.,]\d+)?$/.test(p))) return null
  let hour = parseInt(pieces[0]!, 10)
  const minute = pieces[1] === undefined ? 0 : parseInt(pieces[1], 10)
  const second = pieces[2] === undefined ? 0 : parseInt(pieces[2], 10)
  if (period) {
    const pm = period[1]!.toLowerCase() === 'p'
    if (hour < 1 || hour > 12) return null
    if (pm && hour !== 12) hour += 12
    if (!pm && hour === 12) hour = 0
  }
  if (hour > 23 || minute > 59 || second > 59) return null
  return { hour, minute, second }
}
