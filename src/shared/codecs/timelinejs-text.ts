/**
 * An event's TimelineJS `text.text`: the one HTML field TimelineJS shows in full. Chronotes puts
 * there what TimelineJS has no field for, as marked sections a reader sees and Chronotes reads
 * back: the description, the sources as links, the notes ("author, date: body"), and a line with
 * confidence and tags. Every string is escaped; data-* attributes carry the exact values (the
 * Markdown of a description or note is shown rendered, and kept as written in data-markdown).
 *
 *   <div class="chronotes-description" data-markdown="…"><p>…</p></div>
 *   <div class="chronotes-sources"><p><strong>Sources</strong></p><ul><li data-url=…>…</li></ul></div>
 *   <div class="chronotes-notes"><p><strong>Notes</strong></p><ul><li data-id=…>…</li></ul></div>
 *   <p class="chronotes-meta" data-id=… data-kind=… data-confidence=… data-tags=… data-lane-id=…
 *      data-lane-color=… data-lane-order=… data-created=… data-updated=… data-start=… data-end=…
 *      data-display-date=…>…</p>
 * (the lane's id, colour and order, the event's own times, and its EDTF dates and the date as its
 * source gave it, which TimelineJS's date parts cannot say: "2016~", "2014-21", an offset).
 */
import { formatDate, precisionOf } from '../model/dates'
import type { Confidence, Group, Note, Source, TimelineItem } from '../model/schema'
import { cleanTags, parseConfidence, parseJsonList, repairNote, repairSource } from './timelinejs-fields'
import {
  escapeHtml,
  safeHttpUrl,
  tokenizeHtml,
  tokensToMarkdown,
  tokensToPlainText,
  type HtmlToken
} from './timelinejs-html'
import { markdownToHtml } from './timelinejs-markdown'

const attr = (name: string, value: string | null | undefined) =>
  value === null || value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`

/** Markdown shown as HTML, with the Markdown itself kept exactly in data-markdown. */
function markdownBlock(tag: 'div' | 'span', className: string, markdown: string): string {
  const html = markdownToHtml(markdown, tag === 'div')
  return `<${tag} class="${className}"${attr('data-markdown', markdown)}>${html}</${tag}>`
}

function shownDate(value: string): string {
  return formatDate(value)
}

function noteDate(stamp: string): string {
  const day = stamp.slice(0, 10)
  return precisionOf(day) === 'day' ? formatDate(day) : stamp
}

function sourceHtml(source: Source): string {
  const label = source.title ?? source.outlet ?? source.url ?? ''
  const href = safeHttpUrl(source.url)
  const linked = href
    ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`
    : escapeHtml(label)
  const after = [source.title ? source.outlet : null, source.published ? shownDate(source.published) : null]
    .filter(Boolean)
    .join(', ')
  const attrs =
    attr('data-title', source.title) +
    attr('data-outlet', source.outlet) +
    attr('data-url', source.url) +
    attr('data-published', source.published)
  return `<li${attrs}>${linked}${after ? ` — ${escapeHtml(after)}` : ''}</li>`
}

function noteHtml(note: Note): string {
  const attrs =
    attr('data-id', note.id) +
    attr('data-author', note.author) +
    attr('data-created', note.createdAt) +
    attr('data-updated', note.updatedAt)
  const who = [note.author || 'Unknown author', noteDate(note.createdAt)].join(', ')
  return `<li${attrs}><em>${escapeHtml(who)}:</em> ${markdownBlock('span', 'chronotes-note-body', note.body)}</li>`
}

/** The `text.text` for an event: description, then sources, notes, and the confidence/tags line. */
export function eventTextHtml(item: TimelineItem, lane?: Group): string {
  const parts: string[] = []
  if (item.description) parts.push(markdownBlock('div', 'chronotes-description', item.description))
  if (item.sources.length) {
    parts.push(
      `<div class="chronotes-sources"><p><strong>Sources</strong></p><ul>${item.sources.map(sourceHtml).join('')}</ul></div>`
    )
  }
  if (item.notes.length) {
    parts.push(
      `<div class="chronotes-notes"><p><strong>Notes</strong></p><ul>${item.notes.map(noteHtml).join('')}</ul></div>`
    )
  }
  const shown = [`Confidence: ${item.confidence}`, item.tags.length ? `Tags: ${item.tags.join(', ')}` : ''].filter(
    Boolean
  )
  const meta =
    attr('data-id', item.id) +
    attr('data-kind', item.kind) +
    attr('data-confidence', item.confidence) +
    attr('data-tags', JSON.stringify(item.tags)) +
    attr('data-lane-id', lane?.id) +
    attr('data-lane-color', lane?.color) +
    attr('data-lane-order', lane ? String(lane.order) : undefined) +
    attr('data-created', item.createdAt) +
    attr('data-updated', item.updatedAt) +
    attr('data-start', item.start) +
    attr('data-end', item.end) +
    attr('data-display-date', item.displayDate)
  parts.push(`<p class="chronotes-meta"${meta}><small>${escapeHtml(shown.join(' · '))}</small></p>`)
  return parts.join('')
}

/** The title slide's `text.text`: the document's description. */
export function titleTextHtml(description: string): string {
  return description ? markdownBlock('div', 'chronotes-description', description) : ''
}

export interface EventText {
  description: string
  sources: Source[]
  notes: Note[]
  /** From a Chronotes-written meta line; absent in other files. */
  meta?: {
    id?: string
    kind?: string
    confidence?: Confidence
    tags: string[]
    lane?: { id?: string; color?: string; order?: string }
    createdAt?: string
    updatedAt?: string
    /** The EDTF dates Chronotes wrote, and the date as the source gave it. */
    start?: string
    end?: string
    displayDate?: string
  }
}

type Section = 'description' | 'sources' | 'notes' | 'meta'
const SECTIONS: Section[] = ['description', 'sources', 'notes', 'meta']

function sectionOf(token: HtmlToken): Section | null {
  if (token.type !== 'open') return null
  const classes = (token.attrs['class'] ?? '').split(/\s+/)
  return SECTIONS.find((s) => classes.includes(`chronotes-${s}`)) ?? null
}

/** The tokens inside a section's element: without its start tag, and its end tag when it has one. */
function inside(tokens: HtmlToken[]): HtmlToken[] {
  const last = tokens[tokens.length - 1]
  return tokens.slice(1, tokens.length > 1 && last?.type === 'close' ? -1 : undefined)
}

/** The text shown: paragraphs joined by a blank line, <br> as a newline, nothing collapsed. */
function shownText(tokens: HtmlToken[]): string {
  const paragraphs: string[] = []
  let current: string | null = null
  for (const token of tokens) {
    if (token.type === 'open' && token.name === 'p') {
      if (current !== null) paragraphs.push(current)
      current = ''
    } else if (token.type === 'close' && token.name === 'p') {
      if (current !== null) paragraphs.push(current)
      current = null
    } else if (token.type === 'open' && token.name === 'br') current = (current ?? '') + '\n'
    else if (token.type === 'text') current = (current ?? '') + token.text
  }
  if (current !== null) paragraphs.push(current)
  return paragraphs.join('\n\n')
}

/** Splits tokens into Chronotes' marked sections (each a list of its element's tokens) and the rest. */
function splitSections(tokens: HtmlToken[]): { sections: [Section, HtmlToken[]][]; rest: HtmlToken[] } {
  const sections: [Section, HtmlToken[]][] = []
  const rest: HtmlToken[] = []
  let open: { section: Section; name: string; depth: number; tokens: HtmlToken[] } | null = null
  for (const token of tokens) {
    if (!open) {
      const section = sectionOf(token)
      if (section && token.type === 'open') open = { section, name: token.name, depth: 1, tokens: [token] }
      else rest.push(token)
      continue
    }
    open.tokens.push(token)
    if (token.type === 'open' && token.name === open.name) open.depth++
    if (token.type === 'close' && token.name === open.name && --open.depth === 0) {
      sections.push([open.section, open.tokens])
      open = null
    }
  }
  if (open) sections.push([open.section, open.tokens])
  return { sections, rest }
}

/** The list items of a section, each with its attributes and the tokens inside it. */
function listItems(tokens: HtmlToken[]): { attrs: Record<string, string>; inner: HtmlToken[] }[] {
  const items: { attrs: Record<string, string>; inner: HtmlToken[] }[] = []
  let depth = 0
  for (const token of tokens) {
    if (token.type === 'open' && token.name === 'li') {
      if (depth++ === 0) items.push({ attrs: token.attrs, inner: [] })
      continue
    }
    if (token.type === 'close' && token.name === 'li') {
      depth = Math.max(0, depth - 1)
      continue
    }
    if (depth > 0) items[items.length - 1]!.inner.push(token)
  }
  return items
}

/**
 * A description or note as Markdown: the data-markdown Chronotes wrote, unless the text shown
 * was edited since (in TimelineJS or its spreadsheet), in which case the shown text wins.
 */
function markdownOf(tokens: HtmlToken[], block: boolean): string {
  const first = tokens[0]
  const markdown = first?.type === 'open' ? first.attrs['data-markdown'] : undefined
  const content = inside(tokens)
  if (
    markdown !== undefined &&
    tokensToPlainText(content) === tokensToPlainText(tokenizeHtml(markdownToHtml(markdown, block)))
  )
    return markdown
  return shownText(content)
}

/** The body span of a note. */
function noteBody(tokens: HtmlToken[]): string {
  const start = tokens.findIndex(
    (t) =>
      t.type === 'open' && t.name === 'span' && (t.attrs['class'] ?? '').split(/\s+/).includes('chronotes-note-body')
  )
  if (start < 0) return tokensToMarkdown(tokens)
  let depth = 0
  let end = tokens.length
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.type === 'open' && token.name === 'span') depth++
    if (token.type === 'close' && token.name === 'span' && --depth === 0) {
      end = i + 1
      break
    }
  }
  return markdownOf(tokens.slice(start, end), false)
}

/**
 * Reads an event's `text.text`. Chronotes' own sections come back exactly; any other HTML (all
 * of it, in a file from TimelineJS itself) becomes Markdown with tags dropped and links kept.
 */
export function readEventText(html: string, now: Date): EventText {
  const { sections, rest } = splitSections(tokenizeHtml(html))
  const descriptions: string[] = []
  const sources: Source[] = []
  const notes: Note[] = []
  const noteIds = new Set<string>()
  let meta: EventText['meta']
  for (const [section, tokens] of sections) {
    if (section === 'description') descriptions.push(markdownOf(tokens, true))
    else if (section === 'sources') {
      for (const { attrs } of listItems(tokens)) {
        const source = repairSource({
          title: attrs['data-title'],
          outlet: attrs['data-outlet'],
          url: attrs['data-url'],
          published: attrs['data-published']
        })
        if (source) sources.push(source)
      }
    } else if (section === 'notes') {
      for (const { attrs, inner } of listItems(tokens)) {
        const note = repairNote(
          {
            id: attrs['data-id'],
            author: attrs['data-author'],
            createdAt: attrs['data-created'],
            updatedAt: attrs['data-updated'],
            body: noteBody(inner)
          },
          now,
          noteIds
        )
        if (note) notes.push(note)
      }
    } else {
      const attrs = tokens[0]?.type === 'open' ? tokens[0].attrs : {}
      meta = {
        id: attrs['data-id'],
        kind: attrs['data-kind'],
        confidence: parseConfidence(attrs['data-confidence']),
        tags: cleanTags(parseJsonList(attrs['data-tags'] ?? '[]')),
        lane: { id: attrs['data-lane-id'], color: attrs['data-lane-color'], order: attrs['data-lane-order'] },
        createdAt: attrs['data-created'],
        updatedAt: attrs['data-updated'],
        start: attrs['data-start'],
        end: attrs['data-end'],
        displayDate: attrs['data-display-date']
      }
    }
  }
  const other = tokensToMarkdown(rest)
  const description = [...descriptions, other].filter(Boolean).join('\n\n')
  return meta ? { description, sources, notes, meta } : { description, sources, notes }
}
