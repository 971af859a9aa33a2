/**
 * The print view (report.html's module) in a real Chromium: renderReport draws the annotated
 * dataset — every event in order under the figure's numbers, Cyrillic in the bundled font,
 * hostile notes as inert text — and sets the paper from the model.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { readDocument } from '@shared/model/document'
import type { TimelineDocument } from '@shared/model/schema'
import { buildReportModel } from '@shared/report/build-model'
import type { ReportModel } from '@shared/report/model'
import type { ReportOptions } from '@shared/report/options'
import { pageRule } from '../../src/renderer/report/page-style'

declare global {
  interface Window {
    __pwned?: unknown
  }
}

const STAMP = '2026-03-01T09:15:00.000Z'
const UKRAINIAN = 'Розвідка підтвердила: Буданов і Зеленський у Києві.'
const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '![tracker](https://evil.example/pixel.png)',
  '<img src="https://evil.example/x.png" onerror="window.__pwned = 2">',
  '[click](javascript:window.__pwned=3)'
].join('\n\n')

function annotatedDataset(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error('the bundled dataset does not validate')
  const doc = result.document
  const note = (id: string, author: string, body: string) => ({ id, author, body, createdAt: STAMP, updatedAt: STAMP })
  doc.items.forEach((item, index) => {
    if (index % 4 === 0) item.notes.push(note(`uk-${index}`, 'Олена Коваленко', UKRAINIAN))
    if (index % 9 === 0) item.notes.push(note(`en-${index}`, 'J. Smith', `Checked against **two** sources (${index}).`))
  })
  doc.items[10]!.notes.push(note('hostile', 'Mallory', HOSTILE))
  doc.items[11]!.title = '<img src=x onerror="window.__pwned = 4">'
  return doc
}

function options(overrides: Partial<ReportOptions> = {}): ReportOptions {
  return {
    title: 'US–Ukraine intelligence cooperation',
    subtitle: 'For the briefing of 5 March',
    author: 'Olena Kovalenko',
    selection: { kind: 'all' },
    includeNotes: true,
    includeSources: true,
    pageSize: 'A4',
    landscape: false,
    ...overrides
  }
}

let renderReport: (model: ReportModel) => Promise<{ pages?: number }>

beforeAll(async () => {
  await import('../../src/renderer/report/main')
  renderReport = window.renderReport
})

const doc = annotatedDataset()
const model = buildReportModel(doc, options(), new Date('2026-03-05T10:00:00Z'))

function texts(selector: string): string[] {
  return [...document.querySelectorAll(selector)].map((e) => e.textContent ?? '')
}

describe('the print view', () => {
  test('renders the title block', async () => {
    await renderReport(model)
    expect(document.querySelector('h1')!.textContent).toBe('US–Ukraine intelligence cooperation')
    expect(document.querySelector('.subtitle')!.textContent).toBe('For the briefing of 5 March')
    expect(document.querySelector('.author')!.textContent).toBe('Olena Kovalenko')
    const facts = document.querySelector('.facts')!.textContent
    expect(facts).toContain('February 2014 – December 2025')
    expect(facts).toContain('All 88 events')
    expect(facts).toContain('5 March 2026')
    expect(document.title).toBe('US–Ukraine intelligence cooperation')
  })

  test('lists every event in date order under the number the figure gives it', async () => {
    await renderReport(model)
    const articles = [...document.querySelectorAll<HTMLElement>('article.entry')]
    expect(articles.map((a) => a.querySelector('.entry-title')!.textContent)).toEqual(model.entries.map((e) => e.title))
    expect(articles.map((a) => a.querySelector('.entry-number')!.textContent)).toEqual(
      model.entries.map((e) => String(e.number))
    )
    // Each number is in the figure once, on the marker of the same event.
    const numbered = [...document.querySelectorAll<SVGGElement>('svg.overview-panel g.mark:not(.mark-continued)')]
    expect(numbered.map((g) => Number(g.querySelector('.mark-number')!.textContent)).sort((a, b) => a - b)).toEqual(
      model.entries.map((e) => e.number)
    )
    for (const entry of model.entries) {
      const marks = numbered.filter((g) => g.dataset['item'] === entry.id)
      expect(marks).toHaveLength(1)
      expect(marks[0]!.querySelector('.mark-number')!.textContent).toBe(String(entry.number))
    }
    // The hostile title is text.
    expect(texts('.entry-title')).toContain('<img src=x onerror="window.__pwned = 4">')
  })

  test('draws the figure so that no two numbers overlap and every number fits its marker', async () => {
    await renderReport(model)
    for (const svg of document.querySelectorAll('svg.overview-panel')) {
      const boxes = [...svg.querySelectorAll('g.mark rect')].map((rect) => rect.getBoundingClientRect())
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!]
          const apart =
            a.right <= b.left + 0.01 || b.right <= a.left + 0.01 || a.bottom <= b.top + 0.01 || b.bottom <= a.top + 0.01
          expect(apart).toBe(true)
        }
      for (const group of svg.querySelectorAll('g.mark:not(.mark-continued)')) {
        const rect = group.querySelector('rect')!.getBoundingClientRect()
        const text = group.querySelector('text')!.getBoundingClientRect()
        expect(text.width).toBeLessThan(rect.width)
        expect(text.left).toBeGreaterThanOrEqual(rect.left)
        expect(text.right).toBeLessThanOrEqual(rect.right)
      }
    }
  })

  test('prints every note with its author, and Ukrainian in the bundled Noto Sans', async () => {
    await renderReport(model)
    const notes = model.entries.flatMap((e) => e.notes)
    expect(document.querySelectorAll('.note')).toHaveLength(notes.length)
    expect(texts('.note-author')).toEqual(notes.map((n) => n.author))
    const ukrainian = document.querySelector('.note-body')!
    expect(ukrainian.textContent).toContain('Розвідка підтвердила')
    expect(getComputedStyle(ukrainian).fontFamily).toMatch(/^"?Noto Sans"?/)
    expect(document.fonts.check('12px "Noto Sans"', 'Розвідка')).toBe(true)
    // check() is also true when no face claims the text at all: the Cyrillic face itself must be loaded.
    const cyrillic = [...document.fonts].filter(
      (face) => face.family.replace(/"/g, '') === 'Noto Sans' && /U\+400-45F/i.test(face.unicodeRange)
    )
    expect(cyrillic.length).toBeGreaterThan(0)
    expect(cyrillic.some((face) => face.status === 'loaded' && face.weight === '400' && face.style === 'normal')).toBe(
      true
    )
  })

  test('prints a hostile note as inert text and asks the network for nothing', async () => {
    await renderReport(model)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(window.__pwned).toBeUndefined()
    const report = document.getElementById('report')!
    expect(report.querySelectorAll('script, img, iframe, object, embed, style, link, form')).toHaveLength(0)
    expect(report.querySelectorAll('a[href^="javascript"], [onerror], [onload], .markdown [style]')).toHaveLength(0)
    const hostile = report.querySelector('[data-note="hostile"]')!.textContent!
    expect(hostile).toContain('<script>window.__pwned = 1</script>')
    expect(hostile).toContain('[image not printed: tracker: https://evil.example/pixel.png]')
    expect(hostile).toContain('onerror="window.__pwned = 2"')
    const requested = performance.getEntriesByType('resource').map((entry) => entry.name)
    expect(requested.filter((url) => url.includes('evil.example'))).toEqual([])
  })

  test('leaves out notes and sources when the options do', async () => {
    await renderReport(buildReportModel(doc, options({ includeNotes: false, includeSources: false }), new Date()))
    expect(document.querySelectorAll('.note, .entry-sources')).toHaveLength(0)
    expect(document.querySelector('.omissions')!.textContent).toBe('Notes and sources are not included.')
  })

  test('sets the paper and the running header and footer from the model', async () => {
    await renderReport(buildReportModel(doc, options({ pageSize: 'Letter', landscape: true }), new Date()))
    const rules = document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
    const page = rules.find((rule) => rule instanceof CSSPageRule)!
    expect(page.cssText).toMatch(/size: letter landscape;/i)
    expect(page.cssText).toContain('counter(pages)')
    expect(page.cssText).toMatch(/@top-left/)
    expect(document.documentElement.classList.contains('landscape')).toBe(true)

    await renderReport(model)
    const again = document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
    // One rule, replaced: renders do not pile up.
    expect(again.filter((rule) => rule instanceof CSSPageRule)).toHaveLength(1)
    // Chromium writes "A4 portrait" back as "a4", portrait being the default.
    expect(again.find((rule) => rule instanceof CSSPageRule)!.cssText).toMatch(/size: a4( portrait)?;/i)
    expect(document.documentElement.classList.contains('landscape')).toBe(false)
  })

  test('keeps a title that looks like CSS inside its string', () => {
    const title = 'Evil"; } body { display: none } @page { size: 1mm; content: "\\'
    const hostile = { ...model, runningTitle: title }
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(pageRule(hostile))
    expect(sheet.cssRules).toHaveLength(1)
    const element = document.createElement('span')
    document.body.append(element)
    element.style.setProperty('content', pageRule(hostile).match(/@top-left \{ content: ("[^"]*");/)![1]!)
    expect(getComputedStyle(element).content).toBe(JSON.stringify(title))
    element.remove()
  })

  test('says that bars continue in the next part only when the figure has parts', async () => {
    const legend = () => document.querySelector('.legend')!.textContent
    await renderReport(model)
    expect(model.overview.panels.length).toBeGreaterThan(1)
    expect(legend()).toContain('continues in the next part')
    const one = buildReportModel(doc, options({ selection: { kind: 'items', ids: [doc.items[3]!.id] } }), new Date())
    await renderReport(one)
    expect(one.overview.panels).toHaveLength(1)
    expect(legend()).toContain('a known day')
    expect(legend()).not.toContain('continues')
  })

  test('lets the chronology follow the figure, its headings kept with the first entry', async () => {
    // Even after a figure of several parts: the rest of its last page is not given up.
    await renderReport(model)
    const chronology = document.querySelector<HTMLElement>('.chronology')!
    // No forced page break: the page breaks there only when the heading and first entry do not fit.
    expect(getComputedStyle(chronology).breakBefore).toBe('auto')
    expect(getComputedStyle(chronology.querySelector('h2')!).breakAfter).toBe('avoid')
    expect(getComputedStyle(chronology.querySelector('h3.section')!).breakAfter).toBe('avoid')
  })

  test('keeps short entries whole and lets a tall one break, its header kept with its first lines', async () => {
    const tall = structuredClone(doc)
    // Short lines: few characters, but far more than a third of a page.
    tall.items[5]!.description = Array.from({ length: 40 }, (_, n) => `- Line ${n + 1}.`).join('\n')
    tall.items[5]!.notes = []
    tall.items[6]!.description = 'A short account.'
    tall.items[6]!.notes = []
    tall.items[6]!.sources = []
    const ids = [tall.items[5]!.id, tall.items[6]!.id]
    await renderReport(buildReportModel(tall, options({ selection: { kind: 'items', ids } }), new Date()))
    const entry = (id: string) => document.querySelector<HTMLElement>(`article.entry[data-id="${id}"]`)!
    const [long, short] = [entry(ids[0]!), entry(ids[1]!)]
    const page = (96 / 72) * model.page.contentHeightPt
    expect(long.getBoundingClientRect().height).toBeGreaterThan(page / 3)
    expect(long.textContent!.length).toBeLessThan(1000)
    expect(getComputedStyle(long).breakInside).toBe('auto')
    expect(getComputedStyle(long.querySelector('.entry-head')!).breakAfter).toBe('avoid')
    expect(getComputedStyle(long.querySelector('.entry-head')!).breakInside).toBe('avoid')
    expect(short.getBoundingClientRect().height).toBeLessThan(page / 5)
    expect(getComputedStyle(short).breakInside).toBe('avoid')
    // A paragraph too short for orphans and widows is kept whole; the long list may break.
    expect(getComputedStyle(short.querySelector('.entry-description > p')!).breakInside).toBe('avoid')
    expect(getComputedStyle(long.querySelector('.entry-description > ul')!).breakInside).toBe('auto')
  })

  test('refuses a model it does not know', async () => {
    await expect(renderReport({ ...model, version: 2 } as unknown as ReportModel)).rejects.toThrow(/version 1/)
  })
})
