/**
 * The Markdown export: a readable annotated chronology, rendered here with markdown-it (as GitHub
 * or an editor would) to check what a reader sees, and that a colleague's titles and notes cannot
 * turn into links, images or HTML.
 */
import { readFileSync } from 'node:fs'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { exportDocument } from '../../src/shared/codecs'
import { readDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument, makeNote } from './helpers/documents'

// html: true and linkify: true — the most permissive renderer a reader might use.
const render = (text: string) => new MarkdownIt({ html: true, linkify: true }).render(text)
const markdown = (doc: TimelineDocument) => exportDocument(doc, 'markdown').text

describe('the Markdown chronology', () => {
  it('has the title, description and one section per event in date order, as precise as known', () => {
    const doc = makeDocument({ title: 'Working timeline', items: 0 })
    const lane = doc.groups[0]!.id
    const base = { groupId: lane, tags: [], confidence: 'reported' as const, sources: [], notes: [], description: '' }
    const stamp = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }
    doc.items = [
      { ...base, ...stamp, id: 'c', kind: 'point', start: '2025-03-05', title: 'Day event' },
      { ...base, ...stamp, id: 'a', kind: 'point', start: '2014', title: 'Year event' },
      {
        ...base,
        ...stamp,
        id: 'b',
        kind: 'range',
        start: '2014-04',
        end: '2014-06',
        title: 'Months'
      },
      { ...base, ...stamp, id: 'd', kind: 'point', start: '2025-03-05T14:30:00Z', title: 'Minute' }
    ]
    const text = markdown(doc)
    expect(text.startsWith('# Working timeline\n\nA timeline built by the unit tests.\n')).toBe(true)
    expect(text.match(/^## .*$/gm)).toEqual([
      '## 2014 — Year event',
      '## April 2014 – June 2014 — Months',
      '## 5 March 2025 — Day event',
      '## 5 March 2025, 14:30 UTC — Minute'
    ])
    expect(text).toContain('**Lane:** Events · **Confidence:** reported')
  })

  it('shows the dataset with its lanes, confidence, sources as links and every note with author and date', () => {
    const read = readDocument(
      readFileSync('resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json', 'utf8')
    )
    if (!read.ok) throw new Error('dataset')
    const doc = read.document
    const first = doc.items.find((i) => i.start === '2014-02')!
    first.notes.push({
      ...makeNote('Checked **both** accounts.\nThey agree.', 'Anna K.'),
      updatedAt: '2025-03-06T08:00:00.000Z'
    })
    const text = markdown(doc)
    expect(text.match(/^## /gm)).toHaveLength(doc.items.length)
    const section = text.slice(text.indexOf("## February 2014 — Ukraine's new SBU head"))
    const html = render(section.slice(0, section.indexOf('\n## ')))
    expect(html).toContain('<strong>Lane:</strong> Covert cooperation')
    expect(html).toContain('<strong>Confidence:</strong> reported')
    expect(html).toContain(
      '<a href="https://www.kyivpost.com/post/28678"><em>Kyiv Post</em></a> — published 26 February 2024'
    )
    expect(html).toMatch(
      /<a href="https:\/\/www\.nytimes\.com\/[^"]+">The Spy War: How the C\.I\.A\. Secretly Helps Ukraine Fight Putin<\/a> — The New York Times/
    )
    expect(html).toContain(
      '<blockquote>\n<p><strong>Anna K.</strong>, 5 March 2025, 14:00 UTC (edited 6 March 2025, 08:00 UTC)</p>\n<p>Checked <strong>both</strong> accounts.\nThey agree.</p>\n</blockquote>'
    )
  })

  it('escapes titles, lanes, tags, authors and source names so they stay text', () => {
    const doc = makeDocument({ title: '# [Doc](javascript:alert(1))', items: 1, notesPerItem: 0 })
    doc.groups[0]!.title = '<img src=x onerror=alert(1)>'
    doc.groups[1]!.title = '<img src=x onerror=alert(1)>'
    const item = doc.items[0]!
    item.title = '[click me](https://evil.example) <script>alert(1)</script> **bold** `code` ![img](x.png) #tag &amp;'
    item.tags = ['<b>tag</b>', '*star*']
    item.sources = [
      { title: '](javascript:alert(1))', outlet: '<i>Outlet</i>', url: 'https://example.org/a b', published: null }
    ]
    item.notes = [makeNote('plain', '**Boss** <u>x</u>')]
    const html = render(markdown(doc))
    expect(html).not.toMatch(/<(script|img|b|i|u)\b/)
    expect(html).not.toContain('href="https://evil.example"')
    expect(html).not.toContain('javascript:alert(1)"')
    expect(html).not.toMatch(/<code>/)
    expect(html).toContain(
      '[click me](https://evil.example) &lt;script&gt;alert(1)&lt;/script&gt; **bold** `code` ![img](x.png) #tag &amp;amp;'
    )
    expect(html).toContain('<h1># [Doc](javascript:alert(1))</h1>')
    expect(html).toContain('<a href="https://example.org/a%20b">](javascript:alert(1))</a> — &lt;i&gt;Outlet&lt;/i&gt;')
    expect(html).toContain('<strong>**Boss** &lt;u&gt;x&lt;/u&gt;</strong>')
  })

  it('keeps Markdown in descriptions and notes, but not raw HTML or script links, and nests their headings', () => {
    const doc = makeDocument({ items: 1, notesPerItem: 0 })
    const item = doc.items[0]!
    item.description =
      '# Heading\n\nSome *emphasis*, a [good link](https://example.org), a [bad one](javascript:alert(1)) and <script>alert(1)</script>.\n\n' +
      '```html\n<b>code stays code</b>\n```\n\nInline `<i>code</i>` and <https://example.org/auto>.'
    item.notes = [makeNote('<img src=x onerror=alert(1)> and [ref]\n\n[ref]: data:text/html,<script>alert(1)</script>')]
    const text = markdown(doc)
    expect(text).toContain('### Heading')
    const html = render(text)
    expect(html).toContain('<em>emphasis</em>')
    expect(html).toContain('<a href="https://example.org">good link</a>')
    expect(html).toContain('<a href="https://example.org/auto">https://example.org/auto</a>')
    expect(html).not.toMatch(/href="(javascript|data):/)
    expect(html).not.toMatch(/<(script|img)\b/)
    expect(html).toContain('<code class="language-html">&lt;b&gt;code stays code&lt;/b&gt;\n</code>')
    expect(html).toContain('<code>&lt;i&gt;code&lt;/i&gt;</code>')
  })

  it('writes only the chosen events', () => {
    const doc = makeDocument({ items: 3 })
    const text = exportDocument(doc, 'markdown', { itemIds: [doc.items[1]!.id] }).text
    expect(text.match(/^## /gm)).toHaveLength(1)
    expect(text).toContain('Event 2')
    expect(exportDocument(doc, 'markdown')).toMatchObject({ extension: '.md', mimeType: 'text/markdown' })
  })
})
