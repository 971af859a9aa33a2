import DOMPurify from 'dompurify'
import MarkdownIt from 'markdown-it'

// Raw HTML in Markdown stays text; what markdown-it makes is then sanitised as well, because
// descriptions and notes may come from colleagues' files.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true })

/** Markdown to safe HTML: no scripts, no event handlers, only http(s) and mailto links, no remote images. */
export function renderMarkdown(source: string): string {
  return DOMPurify.sanitize(markdown.render(source), {
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe', 'svg', 'math'],
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i
  })
}
