/**
 * Export only: the timeline as a readable annotated chronology in Markdown, one section per
 * event in date order, each with its lane, confidence, description, sources and every note.
 *
 * Titles, names and tags are plain text: their Markdown characters are escaped, so a title cannot
 * make a link, an image or HTML. Descriptions and notes are Markdown and stay Markdown, but raw
 * HTML in them is escaped (the app shows it as text too), links to anything but web and mail
 * addresses are defused, and their headings are moved below the event's own heading.
 */
import { formatDate, formatDateRange, parsePeriod, readDate } from '../model/dates'
import type { Note, Source, TimelineDocument, TimelineItem } from '../model/schema'
import { selectItems } from './chronotes-json'
import type { Writer } from './types'

export const markdownWriter: Writer = {
  format: 'markdown',
  label: 'Markdown chronology',
  extension: '.md',
  mimeType: 'text/markdown',
  write(document, options) {
    return writeMarkdown(selectItems(document, options))
  }
}

function writeMarkdown(document: TimelineDocument): string {
  const lanes = new Map(document.groups.map((g) => [g.id, g.title]))
  // Sort keys computed once: parsing dates inside the comparator costs seconds on 100,000 events.
  const keyed = document.items.map((item) => ({
    item,
    start: dateKey(item.start),
    end: item.end ? dateKey(item.end) : 0
  }))
  const items = keyed.sort((a, b) => a.start - b.start || a.end - b.end).map((k) => k.item)
  const out: string[] = [`# ${plain(document.title)}`, '']
  if (document.description.trim()) out.push(markdownBody(document.description, 1), '')
  out.push(
    `_${items.length} ${items.length === 1 ? 'event' : 'events'} in ${lanes.size} ${lanes.size === 1 ? 'lane' : 'lanes'}._`,
    ''
  )
  for (const item of items) out.push(...section(item, lanes.get(item.groupId) ?? ''))
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  )
}

function section(item: TimelineItem, lane: string): string[] {
  const date = formatDateRange(item.start, item.end)
  const facts = [`**Lane:** ${plain(lane)}`, `**Confidence:** ${item.confidence}`]
  if (item.tags.length) facts.push(`**Tags:** ${item.tags.map(plain).join(', ')}`)
  if (item.displayDate) facts.push(`**Date as given:** ${plain(item.displayDate)}`)
  const out = [`## ${plain(date)} — ${plain(item.title)}`, '', facts.join(' · '), '']
  if (item.description.trim()) out.push(markdownBody(item.description, 2), '')
  if (item.sources.length) out.push('**Sources**', '', ...item.sources.map(sourceLine), '')
  if (item.notes.length) {
    out.push('**Notes**', '')
    for (const note of item.notes) out.push(...noteBlock(note), '')
  }
  return out
}

function sourceLine(source: Source): string {
  // An outlet standing in for a missing title is in italics, as citations set outlets (and so it reads back as one).
  const name = source.title ?? (source.outlet ? `_${plain(source.outlet)}_` : null) ?? source.url ?? 'Untitled source'
  const shown = !source.title && source.outlet ? name : plain(name)
  const link = source.url ? `[${shown}](<${source.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : shown
  const details = [source.title && source.outlet ? plain(source.outlet) : null, published(source.published)].filter(
    Boolean
  )
  return `- ${link}${details.length ? ` — ${details.join(', ')}` : ''}`
}

function published(value: string | null): string | null {
  if (!value) return null
  return readDate(value) ? `published ${formatDate(value)}` : null
}

function noteBlock(note: Note): string[] {
  const edited = note.updatedAt !== note.createdAt ? ` (edited ${stamp(note.updatedAt)})` : ''
  const body = markdownBody(note.body, 2)
  return [
    `> **${plain(note.author) || 'Anonymous'}**, ${stamp(note.createdAt)}${edited}`,
    '>',
    ...body.split('\n').map((l) => (l ? `> ${l}` : '>'))
  ]
}

/** "5 March 2025, 14:00 UTC" for a stored timestamp. */
function stamp(timestamp: string): string {
  const time = Date.parse(timestamp)
  if (Number.isNaN(time)) return plain(timestamp)
  return formatDate(`${new Date(time).toISOString().slice(0, 16)}:00Z`)
}

function dateKey(value: string): number {
  return parsePeriod(value)?.start ?? 0
}

/** Text shown as it is: one line, every Markdown-significant character escaped, no address auto-linked. */
export function plain(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\\`*_{}[\]()<>#+!|~&"]/g, '\\$&')
      .replace(/^([-=]|\d+[.)])/, '\\$1')
      // Nor can an address in it become a link: renderers that link bare addresses do not see one.
      .replace(/([a-z]):(?=\/\/)/gi, '$1\\:')
      .replace(/\b(www)\./gi, '$1\\.')
  )
}

/**
 * A description or note: Markdown kept, but raw HTML escaped outside code, links and images to
 * anything but http(s)/mailto defused, and headings pushed down `levels` so they nest under the
 * event's heading.
 */
export function markdownBody(text: string, levels: number): string {
  let fenced = false
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => {
      if (/^ {0,3}(```|~~~)/.test(line)) {
        fenced = !fenced
        return line
      }
      if (fenced) return line
      const heading = /^( {0,3})(#{1,6})(\s|$)/.exec(line)
      const lifted = heading
        ? `${heading[1]}${'#'.repeat(Math.min(6, heading[2]!.length + levels))}${line.slice(heading[0].length - heading[3]!.length)}`
        : line
      return outsideCode(lifted, defuse)
    })
    .join('\n')
}

/** Applies `fn` to the parts of a line outside `code spans`. */
function outsideCode(line: string, fn: (text: string) => string): string {
  return line
    .split(/(`+[^`]*`+)/)
    .map((part, index) => (index % 2 ? part : fn(part)))
    .join('')
}

function defuse(text: string): string {
  return (
    text
      // Raw HTML stays text (autolinks to web and mail addresses stay links).
      .replace(/<(?!(?:https?:\/\/|mailto:)[^<>\s]*>)(?=[a-zA-Z/!?])/g, '&lt;')
      // [text](javascript:…), [ref]: data:… and the like point nowhere.
      .replace(/(\]\(\s*<?|\]:\s*<?)\s*(?!https?:|mailto:|#|\/)([a-zA-Z][a-zA-Z0-9+.-]*):/g, '$1#$2-')
  )
}
