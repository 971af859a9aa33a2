import type { DensityBin } from '@shared/view/level-of-detail'
import type { TimeWindow } from '@shared/view/timeline-items'
import { formatCount } from '@shared/count'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC'
})

/** "1,204 events, 3 Mar 2014 – 9 Apr 2014 (12 match). Click to zoom in." */
export function describeBin(bin: DensityBin): string {
  const format = bin.end - bin.start < DAY ? timeFormat : dayFormat
  const to = bin.end - bin.start < DAY ? bin.end : bin.end - 1
  const events = `${formatCount(bin.count)} ${bin.count === 1 ? 'event' : 'events'}`
  const matching = bin.matches ? ` (${formatCount(bin.matches)} matching)` : ''
  return `${events}, ${format.format(bin.start)} – ${format.format(to)}${matching}. Click to zoom in.`
}

/** The window that shows a clicked bin with a bin's width either side. */
export function windowAround(bin: DensityBin): TimeWindow {
  const width = bin.end - bin.start
  return { start: bin.start - width, end: bin.end + width }
}
