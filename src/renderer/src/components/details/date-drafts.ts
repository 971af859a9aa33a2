import { formatDate, parsePeriod, readDate } from '@shared/model/dates'
import { EDTF_EXAMPLES, parseEdtf } from '@shared/model/edtf'

/**
 * What the date fields of the details panel need beyond src/shared/model/edtf.ts: tidying what
 * people type into EDTF, and saying precisely why a date is refused.
 */

const LOOSE =
  /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?)?)?([~?%])?$/

/**
 * "2014-4-1" → "2014-04-01", "2014-04-12 9:30" → "2014-04-12T09:30:00Z" (a time without an offset
 * is UTC, as the field says), "2016 ~" → "2016~"; anything else is only trimmed.
 */
export function tidyDate(text: string): string {
  const value = text
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([~?%])$/, '$1')
  const match = LOOSE.exec(value)
  if (!match) return value
  const [, year, month, day, hour, minute, second, zone, qualifier] = match
  const pad = (part: string) => part.padStart(2, '0')
  let out = year!
  if (month) out += `-${pad(month)}`
  if (day) out += `-${pad(day)}`
  if (hour && minute) return `${out}T${pad(hour)}:${minute}:${second ?? '00'}${zone ?? 'Z'}${qualifier ?? ''}`
  return out + (qualifier ?? '')
}

/** '' when `text` is an EDTF date Chronotes accepts, else a sentence saying what is wrong and how to write it. */
export function dateError(text: string, name = 'A date'): string {
  const value = tidyDate(text)
  if (!value) return `${name} is needed (${EDTF_EXAMPLES}).`
  const result = parseEdtf(value)
  return result.ok ? '' : `${result.message}.`
}

/** '' when `text` is empty or a date (a source's publication date), else why not. */
export function looseDateError(text: string): string {
  return tidyDate(text) ? dateError(text) : ''
}

/** How a typed date reads, live: "c. 2016", "spring 2014?"; '' while it is not a date. */
export function preview(text: string): string {
  const value = tidyDate(text)
  return readDate(value) ? formatDate(value) : ''
}

/** The end proposed for a range that only has a start: the next date of its precision (an hour for a time). */
export function proposedEnd(start: string): string | null {
  const date = readDate(start)
  if (!date) return null
  if (date.precision === 'second') {
    const offset = (date.offsetMinutes ?? 0) * 60_000
    return `${new Date(date.earliest + 3_600_000 + offset).toISOString().slice(0, 19)}${start.slice(19)}`
  }
  if (date.unspecified || date.precision === 'season' || date.precision === 'quarter') return start
  const next = new Date(date.latest).toISOString()
  const qualifier = /[~?%]$/.test(start) ? start.slice(-1) : ''
  return next.slice(0, { year: 4, month: 7, day: 10 }[date.precision]) + qualifier
}

/** Whether date `a` ends before date `b` begins. */
export function isBefore(a: string, b: string): boolean {
  const [first, second] = [parsePeriod(a), parsePeriod(b)]
  return Boolean(first && second && first.end <= second.start)
}
