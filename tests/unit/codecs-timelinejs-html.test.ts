import { describe, expect, it } from 'vitest'
import {
  decodeEntities,
  escapeHtml,
  htmlToMarkdown,
  htmlToPlainText,
  safeHttpUrl,
  tokenizeHtml
} from '../../src/shared/codecs/timelinejs-html'
import { markdownToHtml } from '../../src/shared/codecs/timelinejs-markdown'
import { eventTextHtml, readEventText } from '../../src/shared/codecs/timelinejs-text'
import type { TimelineItem } from '../../src/shared/model/schema'
import { HOSTILE, LIVE_MARKUP, NOW } from './codecs-timelinejs-helpers'

// HTML from colleagues' files (TimelineJS text, vis-timeline content) is read as data: tags are
// dropped, entities decoded, links kept only when they are http(s).

describe('reading HTML as text', () => {
  it('decodes named, numeric and hexadecimal references, and leaves unknown ones as written', () => {
    expect(decodeEntities('Tom &amp; Jerry &ndash; &#8220;cartoon&#x201D; &eacute;t&eacute; &bogus; & co')).toBe(
      'Tom & Jerry – “cartoon” été &bogus; & co'
    )
    expect(decodeEntities('&#0; &#xD800; &#x110000;')).toBe('\ufffd \ufffd \ufffd')
  })

  it('makes a title one line of plain text', () => {
    expect(htmlToPlainText('<h2>Ukraine &amp; the <em>CIA</em></h2><br>\n  A partnership ')).toBe(
      'Ukraine & the CIA A partnership'
    )
  })

  it('drops comments, doctypes and what scripts and styles contain', () => {
    expect(htmlToPlainText('<!DOCTYPE html><!-- hidden -->Shown<script>alert(1)</script><style>p{}</style> text')).toBe(
      'Shown text'
    )
  })

  it('keeps a stray < as text and drops a tag that never closes', () => {
    expect(htmlToPlainText('5 < 7 and 8 > 6')).toBe('5 < 7 and 8 > 6')
    expect(htmlToPlainText('before <img src=x onerror=alert(1)')).toBe('before')
  })

  it('reads attributes whose quoted values contain >', () => {
    const [token] = tokenizeHtml('<a title="a > b" href=\'https://example.org/?q=1&amp;r=2\'>x</a>')
    expect(token).toEqual({ type: 'open', name: 'a', attrs: { title: 'a > b', href: 'https://example.org/?q=1&r=2' } })
  })

  it('turns paragraphs, line breaks, lists and http(s) links into Markdown', () => {
    const html =
      '<p class="lead">First paragraph with <a href="https://example.org/a b">a link</a>.</p>' +
      '<p>Second<br>line</p><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>'
    expect(htmlToMarkdown(html)).toBe(
      'First paragraph with [a link](<https://example.org/a%20b>).\n\nSecond\nline\n\n- one\n- two\n\n1. first\n2. second'
    )
  })

  it('escapes what Markdown would act on, so that text reads as written', () => {
    expect(htmlToMarkdown('<p>*not bold* [not a link](x) snake_case _x_ `code` &lt;b&gt;</p>')).toBe(
      '\\*not bold\\* \\[not a link\\](x) snake_case \\_x\\_ \\`code\\` \\<b>'
    )
  })

  it('escapes words at the start of a line that Markdown would read as a heading, quote or list', () => {
    expect(htmlToMarkdown('<p># of sites</p><p>> quoted</p><p>- dash</p><p>1. first</p><p>2014. A year</p>')).toBe(
      '\\# of sites\n\n\\> quoted\n\n\\- dash\n\n1\\. first\n\n2014\\. A year'
    )
  })

  it('keeps the text of a javascript: link but not the link', () => {
    expect(htmlToMarkdown('<a href="javascript:alert(1)">click me</a> <a href=" JAVASCRIPT:x">too</a>')).toBe(
      'click me too'
    )
  })

  it.each(HOSTILE)('reads %s as inert text', (payload) => {
    expect(htmlToPlainText(payload)).not.toMatch(LIVE_MARKUP)
    expect(htmlToMarkdown(payload)).not.toMatch(LIVE_MARKUP)
    expect(htmlToMarkdown(payload)).not.toContain('javascript:')
  })

  it('escapes text for HTML content and attributes', () => {
    expect(escapeHtml(`<img src="x" onerror='y'> & co`)).toBe(
      '&lt;img src=&quot;x&quot; onerror=&#39;y&#39;&gt; &amp; co'
    )
  })

  it('accepts only absolute http(s) addresses as links', () => {
    expect(safeHttpUrl(' https://example.org/x ')).toBe('https://example.org/x')
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', 'ftp://x.org', 42, null])
      expect(safeHttpUrl(url)).toBeNull()
  })
})

const item: TimelineItem = {
  id: 'ev-1',
  groupId: 'g',
  kind: 'range',
  start: '2025-03-05',
  end: '2025-03-12',
  title: 'Pause',
  description: '  Indented start.\nA second line with <b> & "quotes".\n\n\nAfter three newlines: *markdown* stays.',
  tags: ['pause', 'a, b'],
  confidence: 'confirmed',
  sources: [
    {
      title: 'US pauses sharing',
      outlet: 'Reuters',
      url: 'https://www.reuters.com/x?a=1&b=2',
      published: '2025-03-05'
    },
    { title: null, outlet: 'Kyiv Independent', url: null, published: null },
    { title: null, outlet: null, url: null, published: null }
  ],
  notes: [
    {
      id: 'n1',
      author: 'Olena <K>',
      body: 'Line one\nline two\n\n<script>alert(1)</script>',
      createdAt: '2025-03-06T10:00:00.000Z',
      updatedAt: '2025-03-07T11:00:00.000Z'
    }
  ],
  createdAt: '2025-03-05T00:00:00.000Z',
  updatedAt: '2025-03-05T00:00:00.000Z'
}

describe("Chronotes' sections in TimelineJS text", () => {
  it('shows description, sources, notes and confidence as escaped HTML, Markdown rendered', () => {
    const html = eventTextHtml(item)
    expect(html).toContain(
      '<p>  Indented start.<br>A second line with &lt;b&gt; &amp; &quot;quotes&quot;.</p><p>After three newlines: <em>markdown</em> stays.</p>'
    )
    expect(html).toContain(
      '<a href="https://www.reuters.com/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">US pauses sharing</a> — Reuters, 5 March 2025'
    )
    expect(html).toContain(
      '<em>Olena &lt;K&gt;, 6 March 2025:</em> <span class="chronotes-note-body" data-markdown="Line one'
    )
    expect(html).toContain('>Line one<br>line two<br><br>&lt;script&gt;alert(1)&lt;/script&gt;</span>')
    expect(html).toContain('Confidence: confirmed · Tags: pause, a, b')
    expect(html).not.toMatch(/<script|<b>/)
  })

  it('renders a safe subset of Markdown: bold, italic, code, http(s) links only', () => {
    expect(markdownToHtml('__bold__ but window.__name = 1; x.__y')).toBe(
      '<p><strong>bold</strong> but window.__name = 1; x.__y</p>'
    )
    expect(markdownToHtml('**Bold** and *it* and _it_ and `a*b*c` and snake_case_name and \\*not\\*')).toBe(
      '<p><strong>Bold</strong> and <em>it</em> and <em>it</em> and <code>a*b*c</code> and snake_case_name and *not*</p>'
    )
    expect(
      markdownToHtml('[Reuters](https://www.reuters.com/x?a=1&b=2) [bad](javascript:alert(1)) <b onclick=x>')
    ).toBe(
      '<p><a href="https://www.reuters.com/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">Reuters</a> ' +
        '[bad](javascript:alert(1)) &lt;b onclick=x&gt;</p>'
    )
  })

  it('reads its own sections back exactly', () => {
    const read = readEventText(eventTextHtml(item), NOW)
    expect(read.description).toBe(item.description)
    expect(read.sources).toEqual(item.sources)
    expect(read.notes).toEqual(item.notes)
    expect(read.meta).toMatchObject({ id: 'ev-1', kind: 'range', confidence: 'confirmed', tags: ['pause', 'a, b'] })
    expect([read.meta?.createdAt, read.meta?.updatedAt]).toEqual([item.createdAt, item.updatedAt])
  })

  it('repairs a forged note instead of losing it: bad timestamps become the import time', () => {
    const html =
      '<div class="chronotes-notes"><ul><li data-id="x" data-author="A" data-created="yesterday">' +
      '<span class="chronotes-note-body">Body <b>bold</b></span></li><li data-id="x"><span class="chronotes-note-body">Second</span></li></ul></div>'
    const { notes } = readEventText(html, NOW)
    expect(notes).toHaveLength(2)
    expect(notes[0]).toEqual({
      id: 'x',
      author: 'A',
      body: 'Body bold',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString()
    })
    expect(notes[1]!.id).not.toBe('x')
  })

  it('takes the shown text over the Markdown when the shown text was edited in TimelineJS', () => {
    const html = eventTextHtml({ ...item, description: 'Original **bold** text' }).replace('<p>Original', '<p>Edited')
    expect(readEventText(html, NOW).description).toBe('Edited bold text')
  })

  it('reads HTML around the sections as Markdown after the description', () => {
    const html = `<p>Added in TimelineJS</p>${eventTextHtml({ ...item, description: 'Original' })}`
    expect(readEventText(html, NOW).description).toBe('Original\n\nAdded in TimelineJS')
  })
})
