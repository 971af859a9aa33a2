/**
 * Markdown for paper: the app's rules (src/renderer/src/composables/markdown.ts: raw HTML stays
 * text, then DOMPurify; only http(s) and mailto links; no images, styles, forms, SVG or MathML),
 * with one difference a reader of the printout needs: an image is not fetched, and not silently
 * dropped either, but printed as a line of text naming it and its address.
 */
import DOMPurify from 'dompurify'
import MarkdownIt from 'markdown-it'

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true })

markdown.renderer.rules['image'] = (tokens, index) => {
  const token = tokens[index]!
  const alt = token.children?.map((child) => child.content).join('') ?? token.content
  const src = token.attrGet('src') ?? ''
  const words = ['image not printed', alt.trim(), src].filter(Boolean).join(': ')
  return `<span class="image-omitted">[${markdown.utils.escapeHtml(words)}]</span>`
}

export function renderPrintMarkdown(source: string): string {
  return DOMPurify.sanitize(markdown.render(source), {
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe', 'svg', 'math'],
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i
  })
}
