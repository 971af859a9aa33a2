/**
 * The print view's density overview in a real Chromium: each lane's strip of shaded cells (one
 * rect per cell, its count kept on it), the numbered markers, each lane's count beside its title,
 * the key of shades and the caption under the figure, all inside the panel.
 */
import { beforeAll, expect, test } from 'vitest'
import { emptyDocument } from '@shared/model/factory'
import type { TimelineDocument } from '@shared/model/schema'
import { buildReportModel } from '@shared/report/build-model'
import type { ReportModel } from '@shared/report/model'

const STAMP = '2026-01-01T00:00:00.000Z'

/** 4,000 events over 30 years in four lanes, one in five with a note: too many to number each. */
function largeDocument(): TimelineDocument {
  const doc = emptyDocument('Large', new Date(STAMP))
  doc.groups = ['Diplomacy', 'Military aid', 'Leaks', 'Infrastructure'].map((title, order) => ({
    id: `lane-${order}`,
    title,
    color: ['#4e79a7', '#f28e2b', '#59a14f', '#e15759'][order]!,
    order
  }))
  doc.items = Array.from({ length: 4_000 }, (_, i) => ({
    id: `e${i}`,
    groupId: `lane-${i % 4}`,
    kind: 'point' as const,
    start: new Date(Date.UTC(1995, 0, 1) + ((i * 7_919) % 10_950) * 86_400_000).toISOString().slice(0, 10),
    title: `Event ${i}`,
    description: '',
    tags: [],
    confidence: 'reported' as const,
    sources: [],
    notes: i % 5 === 0 ? [{ id: `n${i}`, author: 'A', body: 'Checked.', createdAt: STAMP, updatedAt: STAMP }] : [],
    createdAt: STAMP,
    updatedAt: STAMP
  }))
  return doc
}

let renderReport: (model: ReportModel) => Promise<{ pages?: number }>

beforeAll(async () => {
  await import('../../src/renderer/report/main')
  renderReport = window.renderReport
})

test('draws each lane’s density, its numbered events, its count, the key and the caption', async () => {
  const model = buildReportModel(
    largeDocument(),
    {
      title: 'Large',
      selection: { kind: 'all' },
      includeNotes: false,
      includeSources: false,
      pageSize: 'A4',
      landscape: false
    },
    new Date(STAMP)
  )
  const figure = model.overview
  expect(figure.density).toBeDefined()
  await renderReport(model)

  const svg = document.querySelector<SVGSVGElement>('.overview-panel')!
  const cells = [...svg.querySelectorAll<SVGRectElement>('.density-cell')]
  expect(cells).toHaveLength(figure.panels[0]!.bins!.length)
  // The cells' counts add up to every event, lane by lane.
  for (const lane of model.lanes) {
    const sum = cells
      .filter((cell) => cell.dataset['lane'] === lane.id)
      .reduce((total, cell) => total + Number(cell.dataset['count']), 0)
    expect(sum, lane.title).toBe(lane.count)
  }
  // Darker means more: a cell's grey is no lighter than that of a cell with fewer events.
  const grey = (cell: SVGRectElement) => parseInt(cell.getAttribute('fill')!.slice(1, 3), 16)
  const byCount = cells.slice().sort((a, b) => Number(a.dataset['count']) - Number(b.dataset['count']))
  for (let i = 1; i < byCount.length; i++) expect(grey(byCount[i]!)).toBeLessThanOrEqual(grey(byCount[i - 1]!))
  // Cells and strips lie inside the drawing.
  const box = svg.getBoundingClientRect()
  for (const rect of svg.querySelectorAll('.density rect')) {
    const r = rect.getBoundingClientRect()
    expect(r.left).toBeGreaterThanOrEqual(box.left - 0.5)
    expect(r.right).toBeLessThanOrEqual(box.right + 0.5)
  }

  // Numbered markers: their numbers are the chronology's.
  const numbers = [...svg.querySelectorAll<SVGGElement>('.mark')].map((mark) => Number(mark.dataset['number']))
  expect(numbers.length).toBeGreaterThan(20)
  const listed = new Set(model.entries.map((entry) => entry.number))
  expect(numbers.every((n) => listed.has(n))).toBe(true)

  // Each lane says how many events it holds and how many are numbered.
  const counts = [...svg.querySelectorAll('.lane-count')].map((line) => line.textContent).join(' ')
  expect(counts.match(/1,000 events/g)).toHaveLength(4)
  expect(counts).toMatch(/\d+ numbered/)

  // The key, then the panel, then the caption that says what is drawn as density.
  const overview = document.querySelector('.overview')!
  const key = overview.querySelector('.density-key')!
  expect(key.textContent).toContain('none')
  for (const shade of figure.density!.shades) expect(key.textContent).toContain(`${shade.from}`)
  const caption = overview.querySelector('.density-caption')!
  expect(caption.textContent).toMatch(/^Shown as density: 4,000 events are too many to number/)
  expect(caption.compareDocumentPosition(svg) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy()
})
