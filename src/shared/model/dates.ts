/**
 * What the rest of the app asks of a date, on top of edtf.ts: the span it covers, its precision,
 * how a reader says it. A value is an EDTF string ("2014-04" is some time in April 2014, never
 * 1 April; "2016~" is circa 2016); its precision, doubt and offset are read from the string.
 */
import { formatEdtf, parseEdtf, qualifierWords, type EdtfDate, type Precision } from './edtf'

export { MONTHS, PRECISIONS, type Precision } from './edtf'

/** The span of time a date covers: [start, end) in UTC milliseconds. */
export interface Period {
  start: number
  end: number
}

/** The EDTF date, or null when the value is not one Chronotes accepts. */
export function readDate(value: string): EdtfDate | null {
  const result = parseEdtf(value)
  return result.ok ? result.date : null
}

/** The span a date covers, or null when it is malformed or impossible (2014-02-30). */
export function parsePeriod(value: string): Period | null {
  const date = readDate(value)
  return date && { start: date.earliest, end: date.latest }
}

/** Which precision a date is written at, or null if it is not a date. */
export function precisionOf(value: string): Precision | null {
  return readDate(value)?.precision ?? null
}

/** "2025", "c. March 2025", "spring 2014?", "5 March 2025, 09:30 UTC": as precise as it is known. */
export function formatDate(value: string): string {
  const date = readDate(value)
  return date ? formatEdtf(date) : value
}

/** A start and optional end as a reader says them, joined by an en dash. */
export function formatDateRange(start: string, end: string | undefined): string {
  const from = formatDate(start)
  return end && end !== start ? `${from} – ${formatDate(end)}` : from
}

/** The precision of an event: that of its start (its end may be coarser or finer). */
export function itemPrecision(item: { start: string }): Precision {
  return precisionOf(item.start) ?? 'day'
}

/** True when a date is known only to a span: a year, season, quarter or month, or with X digits. */
export function isVague(date: EdtfDate): boolean {
  return date.unspecified || !(date.precision === 'day' || date.precision === 'second')
}

/** "year precision", "approximate, month precision", "uncertain, season precision": what a date says of itself. */
export function describePrecision(value: string): string {
  const date = readDate(value)
  if (!date) return 'not a date'
  const unit = date.precision === 'second' ? 'a time to the second' : `${date.precision} precision`
  return [qualifierWords(date), date.unspecified && 'digits unspecified', unit].filter(Boolean).join(', ')
}
