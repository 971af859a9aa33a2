import { formatDate, parsePeriod, PRECISION_FORMS, PRECISIONS, type Precision } from '@shared/model/dates'

/**
 * What the date fields of the details panel need beyond src/shared/model/dates.ts: tidying what
 * people type, saying precisely why a date is refused, and converting a date to another precision.
 */

const LOOSE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})Z?)?)?)?$/

/** "2014-4-1" → "2014-04-01", "2014-04-12 9:30" → "2014-04-12T09:30Z"; anything else is only trimmed. */
export function tidyDate(text: string): string {
  const value = text.trim().toUpperCase().replace(/\s+/g, ' ')
  const match = LOOSE.exec(value)
  if (!match) return value
  const [, year, month, day, hour, minute] = match
  const pad = (part: string) => part.padStart(2, '0')
  let out = year!
  if (month) out += `-${pad(month)}`
  if (day) out += `-${pad(day)}`
  if (hour && minute) out += `T${pad(hour)}:${minute}Z`
  return out
}

/** The precision a typed date is written in (whether or not the date exists), or null. */
function shapeOf(value: string): Precision | null {
  const match = LOOSE.exec(value)
  if (!match) return null
  const [, , month, day, hour] = match
  return hour ? 'minute' : day ? 'day' : month ? 'month' : 'year'
}

/** Why a date written in a precision's shape does not exist: "February 2023 has 28 days". */
function impossible(value: string): string {
  const [year = 0, month = 1, , hour = 0, minute = 0] = (value.match(/\d+/g) ?? []).map(Number)
  if (year < 1) return `${value} is not a date: there is no year 0.`
  if (month < 1 || month > 12) return `${value} is not a date: there is no month ${month}.`
  if (hour > 23 || minute > 59) return `${value} is not a time: write hours 00–23 and minutes 00–59.`
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() // month length, leap year aside
  const length = month === 2 && !isLeap(year) ? 28 : days
  const name = formatDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`, 'month')
  return `${value} is not a date: ${name} has ${length} days.`
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** '' when `text` is a date at `precision`, else a sentence saying what is wrong and how to write it. */
export function dateError(text: string, precision: Precision, name = 'A date'): string {
  const value = tidyDate(text)
  if (!value) return `${name} is needed (${PRECISION_FORMS[precision]}).`
  if (parsePeriod(value, precision)) return ''
  const shape = shapeOf(value)
  if (shape === precision) return impossible(value)
  if (shape)
    return `This is a ${shape} date; the event is dated to the ${precision}. Write ${PRECISION_FORMS[precision]}, or change the precision.`
  return `Write the date as ${PRECISION_FORMS[precision]}.`
}

/** '' when `text` is empty or a date at any precision (a source's publication date), else why not. */
export function looseDateError(text: string): string {
  const value = tidyDate(text)
  if (!value) return ''
  const shape = shapeOf(value)
  if (!shape) return 'Write the date as 2014, 2014-04, 2014-04-12 or 2014-04-12T09:30Z.'
  return parsePeriod(value, shape) ? '' : impossible(value)
}

/** A moment as a date at `precision`, in UTC as every date in the document is. */
function cut(time: number, precision: Precision): string {
  const iso = new Date(time).toISOString()
  return precision === 'minute' ? `${iso.slice(0, 16)}Z` : iso.slice(0, { year: 4, month: 7, day: 10 }[precision])
}

/**
 * A date moved to another precision, keeping the span it covers: a start becomes the first part of
 * its period ("2014-04" → "2014-04-01"), an end the last ("2014-06" → "2014-06-30"), and a finer date
 * is cut to the period that holds it ("2014-04-12" → "2014-04"). Null when `value` is not a date at `from`.
 */
export function convertDate(value: string, from: Precision, to: Precision, edge: 'start' | 'end'): string | null {
  const period = parsePeriod(value, from)
  if (!period) return null
  return cut(edge === 'start' ? period.start : period.end - 1, to)
}

/** The end proposed for a range that only has a start: one period later (an hour for minute dates). */
export function proposedEnd(start: string, precision: Precision): string | null {
  const period = parsePeriod(start, precision)
  if (!period) return null
  return cut(precision === 'minute' ? period.start + 3_600_000 : period.end, precision)
}

/** Whether `to` is finer than `from` (a conversion that extends dates rather than cutting them). */
export function isFiner(from: Precision, to: Precision): boolean {
  return PRECISIONS.indexOf(to) > PRECISIONS.indexOf(from)
}
