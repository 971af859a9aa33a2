/** The report's words for dates, spans and confidence: how a reader says them, not how a file stores them. */
import { formatDate, MONTHS, parsePeriod, readDate } from '../model/dates'
import type { EdtfDate } from '../model/edtf'
import type { Confidence } from '../model/schema'

/**
 * An event's date as precisely as it is known, a range said the short way when its ends share a
 * month or a year: "5 March 2025", "March 2025", "12–13 April 2014", "18 July – 12 September 2019",
 * "2017–2020", "March – June 2022". Ends with doubt or of different precision are said in full
 * ("c. 2016 – 2018", "24 February 2022 – 2025").
 */
export function formatEventDate(start: string, end: string | null | undefined): string {
  if (!end || end === start) return formatDate(start)
  const a = readDate(start)
  const b = readDate(end)
  const full = `${formatDate(start)} – ${formatDate(end)}`
  if (!a || !b || a.precision !== b.precision || !plain(a) || !plain(b)) return full
  const from = new Date(a.earliest)
  const to = new Date(b.earliest)
  const sameYear = from.getUTCFullYear() === to.getUTCFullYear()
  const sameMonth = sameYear && from.getUTCMonth() === to.getUTCMonth()
  if (a.precision === 'year') return `${from.getUTCFullYear()}–${to.getUTCFullYear()}`
  if (a.precision === 'month' && sameYear)
    return `${MONTHS[from.getUTCMonth()]} – ${MONTHS[to.getUTCMonth()]} ${to.getUTCFullYear()}`
  if (a.precision === 'day' && sameMonth)
    return `${from.getUTCDate()}–${to.getUTCDate()} ${MONTHS[to.getUTCMonth()]} ${to.getUTCFullYear()}`
  if (a.precision === 'day' && sameYear)
    return `${from.getUTCDate()} ${MONTHS[from.getUTCMonth()]} – ${formatDate(end)}`
  return full
}

/** A date said as its digits say it: no ~ ? % and no X. */
const plain = (date: EdtfDate) => !date.approximate && !date.uncertain && !date.unspecified

/** A moment (an ISO timestamp with any offset) in UTC to the minute: "5 March 2025, 14:00 UTC". */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return iso
  return formatDate(new Date(time).toISOString().slice(0, 16) + ':00Z')
}

/** A day, from a moment: "5 March 2025" (in UTC, so that the same export says the same everywhere). */
export function formatDay(moment: Date): string {
  return formatDate(moment.toISOString().slice(0, 10))
}

/** From the earliest start to the latest end, each end as precise as it is known. */
export function formatSpan(events: readonly { start: string; end?: string | null }[]): string | null {
  let first: { value: string; at: number } | null = null
  let last: { value: string; at: number } | null = null
  for (const event of events) {
    const start = parsePeriod(event.start)
    const endValue = event.end ?? event.start
    const end = parsePeriod(endValue)
    if (start && (!first || start.start < first.at)) first = { value: event.start, at: start.start }
    if (end && (!last || end.end > last.at)) last = { value: endValue, at: end.end }
  }
  if (!first || !last) return null
  const from = formatDate(first.value)
  const to = formatDate(last.value)
  return from === to ? from : `${from} – ${to}`
}

export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  confirmed: 'Confirmed',
  reported: 'Reported',
  disputed: 'Disputed',
  unverified: 'Unverified'
}

/** Black or white, whichever reads better on a colour like "#f0e442" (WCAG contrast). */
export function inkOn(color: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color)
  if (!match) return '#000000'
  const value = parseInt(match[1]!, 16)
  const channel = (shift: number) => {
    const c = ((value >> shift) & 255) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05); they are equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff'
}

/** A text shortened to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space >= max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`
}
