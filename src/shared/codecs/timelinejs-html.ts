/**
 * HTML as it appears in colleagues' files (TimelineJS text, vis-timeline content): read as data,
 * never rendered. A small tokenizer turns it into plain text or Markdown; nothing here builds DOM
 * or evaluates anything, so a payload like `<img onerror=…>` can only ever come out as words.
 */
import { decodeEntities } from './timelinejs-entities'

export { decodeEntities }

export type HtmlToken =
  | { type: 'text'; text: string }
  | { type: 'open'; name: string; attrs: Record<string, string> }
  | { type: 'close'; name: string }

/** Elements whose content is never text a reader meant to show: dropped with the element. */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'head'])

/** Splits HTML into text, start and end tags. Comments and doctypes vanish; a stray `<` is text. */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = []
  let text = ''
  let i = 0
  const flush = () => {
    if (text) tokens.push({ type: 'text', text: decodeEntities(text) })
    text = ''
  }
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    if (lt < 0) {
      text += html.slice(i)
      break
    }
    text += html.slice(i, lt)
    const next = html[lt + 1] ?? ''
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4)
      i = end < 0 ? html.length : end + 3
      continue
    }
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt)
      i = end < 0 ? html.length : end + 1
      continue
    }
    const closing = next === '/'
    const nameStart = closing ? lt + 2 : lt + 1
    if (!/[a-zA-Z]/.test(html[nameStart] ?? '')) {
      text += '<'
      i = lt + 1
      continue
    }
    const tag = scanTag(html, nameStart)
    if (!tag) {
      // An unterminated tag at the end: a browser drops it, and so do we.
      i = html.length
      break
    }
    flush()
    i = tag.end
    if (closing) {
      tokens.push({ type: 'close', name: tag.name })
      continue
    }
    if (DROPPED.has(tag.name)) {
      // Names in DROPPED are plain letters, safe in a pattern; a lower-cased copy could shift offsets.
      const closer = new RegExp(`</${tag.name}`, 'gi')
      closer.lastIndex = i
      const close = closer.exec(html)?.index ?? -1
      const end = close < 0 ? -1 : html.indexOf('>', close)
      i = end < 0 ? html.length : end + 1
      continue
    }
    tokens.push({ type: 'open', name: tag.name, attrs: tag.attrs })
  }
  flush()
  return tokens
}

/** Reads a tag's name and attributes from just after `<` or `</`; null when it never closes. */
function scanTag(html: string, start: number): { name: string; attrs: Record<string, string>; end: number } | null {
  let i = start
  while (i < html.length && !/[\s/>]/.test(html[i]!)) i++
  const name = html.slice(start, i).toLowerCase()
  const attrs: Record<string, string> = {}
  while (i < html.length) {
    while (i < html.length && /[\s/]/.test(html[i]!)) i++
    if (i >= html.length) return null
    if (html[i] === '>') return { name, attrs, end: i + 1 }
    const nameFrom = i
    while (i < html.length && !/[\s/>=]/.test(html[i]!)) i++
    const attr = html.slice(nameFrom, i).toLowerCase()
    while (i < html.length && /\s/.test(html[i]!)) i++
    let value = ''
    if (html[i] === '=') {
      i++
      while (i < html.length && /\s/.test(html[i]!)) i++
      const quote = html[i]
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1)
        if (close < 0) return null
        value = html.slice(i + 1, close)
        i = close + 1
      } else {
        const from = i
        while (i < html.length && !/[\s>]/.test(html[i]!)) i++
        value = html.slice(from, i)
      }
    }
    if (attr && !(attr in attrs)) attrs[attr] = decodeEntities(value)
  }
  return null
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text for HTML element content or a quoted attribute value: nothing in it can become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** The URL if it is an absolute http(s) address (the only links a colleague's file may carry), else null. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  if (!trimmed || trimmed.length > 4000) return null
  try {
    const url = new URL(trimmed)
    // As written, not as URL normalises it (which would percent-encode a Cyrillic path), so it round-trips.
    return url.protocol === 'http:' || url.protocol === 'https:' ? trimmed : null
  } catch {
    return null
  }
}

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'blockquote',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'tr',
  'pre',
  'hr',
  'dl',
  'dt',
  'dd',
  'address',
  'main',
  'nav'
])

/** HTML as one line of plain text: tags gone, entities decoded, whitespace collapsed. For titles. */
export function htmlToPlainText(html: string): string {
  return tokensToPlainText(tokenizeHtml(html))
}

export function tokensToPlainText(tokens: HtmlToken[]): string {
  let out = ''
  for (const token of tokens) {
    if (token.type === 'text') out += token.text
    else if (token.name === 'br' || BLOCK.has(token.name) || token.name === 'li' || token.name === 'td') out += ' '
  }
  return out.replace(/\s+/g, ' ').trim()
}

/** Plain words as Markdown that reads as written: characters Markdown would act on are escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<]/g, '\\$&')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
}

/** Words at the start of a line that Markdown would read as a heading, quote or list item. */
function escapeLineStart(text: string): string {
  return text.replace(/^([#>]|[-+](?=\s)|\d+(?=[.)]\s))/, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`))
}

/** Markdown's link destination in angle brackets, which allow spaces and parentheses. */
function markdownLink(label: string, url: string): string {
  const target = url.replace(/[<>\s]/g, encodeURIComponent)
  return label && label !== url ? `[${label}](<${target}>)` : `<${target}>`
}

/**
 * HTML as Markdown for a description: paragraphs, line breaks, list items and http(s) links are
 * kept; every other tag is dropped and its text kept, escaped so that it reads as written.
 */
export function htmlToMarkdown(html: string): string {
  return tokensToMarkdown(tokenizeHtml(html))
}

export function tokensToMarkdown(tokens: HtmlToken[]): string {
  let out = ''
  const links: { href: string | null; start: number }[] = []
  const lists: { ordered: boolean; count: number }[] = []
  let pre = 0
  const block = () => {
    if (out && !out.endsWith('\n\n')) out = out.replace(/[ \t]*\n?$/, '\n\n')
  }
  for (const token of tokens) {
    if (token.type === 'text') {
      const text = pre ? token.text : token.text.replace(/\s+/g, ' ')
      const lineStart = out === '' || /\n$/.test(out)
      out += lineStart ? escapeLineStart(escapeMarkdown(text.replace(/^ +/, ''))) : escapeMarkdown(text)
      continue
    }
    const { name } = token
    if (token.type === 'open') {
      if (name === 'br') out += '\n'
      else if (name === 'li') {
        const list = lists[lists.length - 1]
        if (out && !out.endsWith('\n')) out += '\n'
        out += list?.ordered ? `${++list.count}. ` : '- '
      } else if (name === 'a') links.push({ href: safeHttpUrl(token.attrs['href']), start: out.length })
      else if (name === 'td' || name === 'th') out += out && !/[\s|]$/.test(out) ? ' | ' : ''
      else if (BLOCK.has(name)) {
        block()
        if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', count: 0 })
        if (name === 'pre') pre++
      }
      continue
    }
    if (name === 'a') {
      const link = links.pop()
      if (link?.href) {
        const label = out.slice(link.start).trim()
        out = out.slice(0, link.start) + markdownLink(label, link.href)
      }
    } else if (BLOCK.has(name)) {
      if (name === 'ul' || name === 'ol') lists.pop()
      if (name === 'pre') pre = Math.max(0, pre - 1)
      block()
    }
  }
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
