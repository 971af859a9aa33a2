/**
 * A small, safe subset of Markdown as HTML, for showing descriptions and notes in TimelineJS:
 * paragraphs, line breaks, **bold**, *italic*, `code` and [links](https://…). Everything is
 * escaped first; only http(s) links become links. It is for display only: the Markdown itself
 * travels alongside in a data attribute (timelinejs-text.ts), so nothing depends on this being
 * a faithful Markdown renderer.
 */
import { escapeHtml, safeHttpUrl } from './timelinejs-html'

const LINK = /\[([^\]\n]+)\]\(\s*<?(https?:\/\/[^\s<>)]+)>?\s*\)/g

/** Bold, italic and code in text that is already HTML-escaped. */
function emphasis(escaped: string): string {
  const held: string[] = []
  // Backslash escapes and code spans are set aside so that nothing inside them is read as emphasis.
  const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`
  return (
    escaped
      .replace(/\\([\\`*_[\]{}()#+\-.!|~])/g, (_, c: string) => hold(c))
      .replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${code}</code>`))
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
      // Underscores never open or close emphasis inside a word (window.__name is not bold).
      .replace(/(^|[^_\p{L}\p{N}])__(?=\S)([\s\S]*?\S)__(?![_\p{L}\p{N}])/gu, '$1<strong>$2</strong>')
      .replace(/(^|[^*\w])\*(?=\S)([^*\n]*?\S)\*(?![*\w])/g, '$1<em>$2</em>')
      .replace(/(^|[^_\p{L}\p{N}])_(?=\S)([^_\n]*?\S)_(?![_\p{L}\p{N}])/gu, '$1<em>$2</em>')
      .replace(/\u0000(\d+)\u0000/g, (_, n: string) => held[Number(n)] ?? '')
  )
}

/** One paragraph's inline Markdown as HTML, with newlines as <br>. */
function inline(text: string): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(LINK)) {
    out += emphasis(escapeHtml(text.slice(last, match.index)))
    const href = safeHttpUrl(match[2])
    const label = emphasis(escapeHtml(match[1]!))
    out += href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>` : label
    last = match.index + match[0].length
  }
  out += emphasis(escapeHtml(text.slice(last)))
  return out.replace(/\n/g, '<br>')
}

/** Markdown as paragraphs of HTML (`<p>`), or (for inline places such as a list item) joined by blank lines. */
export function markdownToHtml(markdown: string, block = true): string {
  const paragraphs = markdown.split(/\n{2,}/).filter((p) => p.trim())
  return block ? paragraphs.map((p) => `<p>${inline(p)}</p>`).join('') : paragraphs.map(inline).join('<br><br>')
}
