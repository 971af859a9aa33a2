import { formatDateRange } from '@shared/model/dates'
import { qualifierWords } from '@shared/model/edtf'
import type { Group, TimelineItem } from '@shared/model/schema'
import type { LaneDetail } from '@shared/view/level-of-detail'
import type { TimelineViewItem } from '@shared/view/timeline-items'
import { formatCount } from '@shared/count'
import { perObject } from '@shared/per-object'

/** An item as vis-timeline takes it. Its content is HTML we build from escaped text only. */
export interface VisItem {
  id: string
  group: string
  type: 'point' | 'range' | 'background'
  start: number
  end?: number
  content: string
  className: string
  style: string
}

export interface VisGroup {
  id: string
  content: string
  order: number
  className: string
  style: string
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

const CONFIDENCE_LABELS: Record<TimelineItem['confidence'], string> = {
  confirmed: 'Confirmed',
  reported: 'Reported',
  disputed: 'Disputed',
  unverified: 'Unverified'
}

/**
 * What hovering an event says: its title in full (the timeline may cut it), its date and confidence.
 * A native title attribute, not vis-timeline's popup: that one sits under the pointer and takes
 * the press meant for the event (a click or the start of a drag).
 */
export function eventTooltip(event: TimelineItem): string {
  const doubt = qualifierWords({
    approximate: /[~%]$/.test(event.start) || /[~%]$/.test(event.end ?? ''),
    uncertain: /[?%]$/.test(event.start) || /[?%]$/.test(event.end ?? '')
  })
  const given = event.displayDate ? ` (as given: ${event.displayDate})` : ''
  const when = `${formatDateRange(event.start, event.end)}${doubt ? ` (${doubt} date)` : ''}${given}`
  const notes = event.notes.length ? ` · ${event.notes.length} note${event.notes.length === 1 ? '' : 's'}` : ''
  return `${event.title}\n${when} · ${CONFIDENCE_LABELS[event.confidence]}${notes}`
}

// Written once per event object, not on every sync of the drawn items (a tenth of a 1,000-event
// timeline's redraw after an edit went to dates in words).
const tooltipAttribute = perObject((event: TimelineItem) => ` title="${escapeHtml(eventTooltip(event))}"`)

export function toVisItem(item: TimelineViewItem, color: string, event?: TimelineItem): VisItem {
  const badge = item.noteCount ? `<span class="note-badge" title="Notes">${item.noteCount}</span>` : ''
  const search = item.match === undefined ? '' : item.match ? 'match' : 'no-match'
  const tooltip = event ? tooltipAttribute(event) : ''
  const doubt = item.doubt
    ? `doubt ${item.doubt.includes('approximate') ? 'doubt-approximate' : 'doubt-uncertain'}`
    : ''
  const classes = [
    `confidence-${item.confidence}`,
    item.approximate ? 'approximate' : '',
    `kind-${item.type}`,
    search,
    item.compact ? 'compact' : '',
    doubt
  ]
  // The doubt is said in the drawing too, in text (full contrast): "c." before the title, "?" after.
  const before = item.doubt?.includes('approximate') ? '<span class="date-doubt" aria-hidden="true">c.</span> ' : ''
  const after = item.doubt?.includes('uncertain') ? '<span class="date-doubt" aria-hidden="true">?</span>' : ''
  return {
    id: item.id,
    group: item.group,
    type: item.type === 'span' ? 'range' : item.type,
    start: item.start,
    ...(item.end === undefined ? {} : { end: item.end }),
    content: `<span class="item-title"${tooltip}>${before}${escapeHtml(item.text)}${after}</span>${badge}`,
    className: classes.filter(Boolean).join(' '),
    // Set through the DOM by vis-timeline (CSSOM), which the strict CSP allows.
    style: `--lane-color: ${color}`
  }
}

export function toVisGroup(group: Group, detail?: LaneDetail, minHeightPx?: number): VisGroup {
  // A lane showing density says how many events it stands for.
  const count = detail?.dense
    ? `<span class="lane-count" title="Events in view; zoom in or click the shading to see them">${formatCount(detail.visible)}</span>`
    : ''
  return {
    id: group.id,
    content: `<span class="lane-swatch"></span><span class="lane-title">${escapeHtml(group.title)}</span>${count}`,
    order: group.order,
    className: 'lane',
    // The label's height is the least height vis-timeline gives the lane (timeline.css).
    style: `--lane-color: ${group.color}${minHeightPx === undefined ? '' : `; --lane-min-height: ${minHeightPx}px`}`
  }
}

/** Classes that change how an event is painted, never its size. */
const PAINT_ONLY = new Set(['match', 'no-match'])

/**
 * Whether `next` differs from `shown` only in classes that change its paint, not its size: a
 * search starting, ending or narrowing marks the drawn events so, and nothing else about them.
 */
export function repaintsOnly(shown: VisItem | undefined, next: VisItem): boolean {
  if (!shown || shown.className === next.className || !sameVisItem({ ...shown, className: next.className }, next))
    return false
  const sizing = (className: string) =>
    className
      .split(' ')
      .filter((name) => !PAINT_ONLY.has(name))
      .join(' ')
  return sizing(shown.className) === sizing(next.className)
}

/** Whether two vis items would draw the same; used to send vis-timeline only what changed. */
export function sameVisItem(a: VisItem | VisGroup | undefined, b: VisItem | VisGroup): boolean {
  if (!a) return false
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof typeof a>
  for (const key of keys) if (a[key] !== b[key as keyof typeof b]) return false
  return true
}
